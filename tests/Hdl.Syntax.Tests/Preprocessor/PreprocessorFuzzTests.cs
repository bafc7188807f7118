namespace Hdl.Syntax.Tests.Preprocessor;

/// <summary>
/// Property: no input makes the preprocessor throw or hang. A fixture that uses every feature is cut at every
/// offset and garbled with preprocessor-significant fragments (fixed seed, so failures reproduce).
/// </summary>
public class PreprocessorFuzzTests : PreprocessorTestBase
{
    private const string Everything =
        """
        `timescale 1ns/1ps
        `default_nettype none
        `begin_keywords "1364-2005"
        `include "defs.svh"
        `define ASSERT(name, prop, clk = `CLK, rst = !rst_ni) \
          name: assert property (@(posedge clk) disable iff (rst) prop) \
            else $error(`"name failed: `\`"prop`\`"`"); // ends here
        `define CAT(a, b) a``b
        `define STR(x) `"x`"
        `define LOOP `LOOP
        `ifdef (A && !B)
          wire a;
        `elsif C
          wire c; /* spans
          lines */
        `else
          `ASSERT(chk, a |-> b)
          `CAT(foo, _bar) = `STR(hello world);
          `UNDEFINED(x, (y, z), {p, q})
          `__FILE__ `__LINE__
        `endif
        `pragma protect begin_protected
        `pragma protect data_block
        QUJD$$$"`'\
        `pragma protect end_protected
        `line 10 "x.sv" 0
        `end_keywords
        `undef CAT
        `undefineall
        //- /defs.svh
        `ifndef DEFS_SVH
        `define DEFS_SVH
        `define CLK clk_i
        `include "defs.svh"
        `endif
        """;

    private static readonly string[] Fragments =
    [
        "`", "\"", "/*", "*/", "//", "(", ")", ",", "[", "{", "`define ", "`define X(a=", "`ifdef", "`else", "`endif",
        "`elsif (", "`include \"", "`include <", "`ASSERT(", "`CAT(", "``", "`\"", "`\\`\"", "\\\n", "\n", "`LOOP",
        "`pragma protect begin_protected\n", "`line", "`begin_keywords \"", "`end_keywords", "`undef", "¤", "\\",
    ];

    [Fact]
    public void Every_truncation_of_a_feature_rich_file_preprocesses()
    {
        var split = Everything.IndexOf("//- /defs.svh", StringComparison.Ordinal);
        var main = Everything[..split];
        var include = Everything[split..];
        for (var length = 0; length <= main.Length; length++)
        {
            CheckNeverThrows(main[..length] + "\n" + include);
        }
    }

    [Fact]
    public void Garbled_files_preprocess()
    {
        var random = new Random(20261125);
        for (var round = 0; round < 1500; round++)
        {
            var text = Everything;
            var edits = random.Next(1, 6);
            for (var edit = 0; edit < edits; edit++)
            {
                var at = random.Next(text.Length);
                text = random.Next(3) switch
                {
                    0 => text.Insert(at, Fragments[random.Next(Fragments.Length)]),
                    1 => text.Remove(at, Math.Min(random.Next(1, 12), text.Length - at)),
                    _ => text.Insert(at, ((char)random.Next(1, 0x2FF)).ToString()),
                };
            }

            CheckNeverThrows(text);
        }
    }

    [Fact]
    public void Deeply_nested_and_self_including_input_stays_bounded() => CheckNeverThrows(
        string.Concat(Enumerable.Repeat("`ifdef (((((", 200)) + "\n"
            + string.Concat(Enumerable.Repeat("`define M(a) `M(a)\n", 3)) + "`M(1)\n"
            + "`include \"main.sv\"\n"
            + string.Concat(Enumerable.Repeat("`FOO(", 500)));
}
