using System.Collections.Frozen;

namespace Hdl.Syntax.Verilog;

/// <summary>
/// Which keywords each Verilog/SystemVerilog version reserves (IEEE 1800-2017 §22.14, Table 22-2 and Annex B).
/// The lexer always produces keyword tokens; tokens whose keyword is not reserved in the active version
/// become identifiers, so `logic` is an ordinary name in a Verilog-2005 file.
/// </summary>
internal static class KeywordVersions
{
    private const string Verilog1995 =
        "always and assign begin buf bufif0 bufif1 case casex casez cmos deassign default defparam disable edge else end " +
        "endcase endfunction endmodule endprimitive endspecify endtable endtask event for force forever fork function " +
        "highz0 highz1 if ifnone initial inout input integer join large macromodule medium module nand negedge nmos nor " +
        "not notif0 notif1 or output parameter pmos posedge primitive pull0 pull1 pulldown pullup rcmos real realtime reg " +
        "release repeat rnmos rpmos rtran rtranif0 rtranif1 scalared small specify specparam strong0 strong1 supply0 " +
        "supply1 table task time tran tranif0 tranif1 tri tri0 tri1 triand trior trireg vectored wait wand weak0 weak1 " +
        "while wire wor xnor xor";

    private const string Verilog2001Config = "cell config design endconfig incdir include instance liblist library use";

    private const string Verilog2001 =
        "automatic endgenerate generate genvar localparam noshowcancelled pulsestyle_ondetect pulsestyle_onevent " +
        "showcancelled signed unsigned";

    private const string Verilog2005 = "uwire";

    private const string SystemVerilog2005 =
        "alias always_comb always_ff always_latch assert assume before bind bins binsof bit break byte chandle class " +
        "clocking const constraint context continue cover covergroup coverpoint cross dist do endclass endclocking " +
        "endgroup endinterface endpackage endprogram endproperty endsequence enum expect export extends extern final " +
        "first_match foreach forkjoin iff ignore_bins illegal_bins import inside int interface intersect join_any " +
        "join_none local logic longint matches modport new null package packed priority program property protected pure " +
        "rand randc randcase randsequence ref return sequence shortint shortreal solve static string struct super tagged " +
        "this throughout timeprecision timeunit type typedef union unique var virtual void wait_order wildcard with within";

    private const string SystemVerilog2009 =
        "accept_on checker endchecker eventually global implies let nexttime reject_on restrict s_always s_eventually " +
        "s_nexttime s_until s_until_with strong sync_accept_on sync_reject_on unique0 until until_with untyped weak";

    private const string SystemVerilog2012 = "implements interconnect nettype soft";

    /// <summary>For each lexer token type: the first version that reserves it, or null for non-keywords.</summary>
    private static readonly LanguageVersion?[] IntroducedIn = BuildTable(out ConfigKeywords);

    /// <summary>Token types of the configuration keywords, which 1364-2001-noconfig leaves out.</summary>
    private static readonly bool[] ConfigKeywords;

    /// <summary>The version names `begin_keywords accepts.</summary>
    public static readonly FrozenDictionary<string, LanguageVersion> ByDirectiveName = new Dictionary<string, LanguageVersion>
    {
        ["1364-1995"] = LanguageVersion.Verilog1995,
        ["1364-2001"] = LanguageVersion.Verilog2001,
        ["1364-2001-noconfig"] = LanguageVersion.Verilog2001NoConfig,
        ["1364-2005"] = LanguageVersion.Verilog2005,
        ["1800-2005"] = LanguageVersion.SystemVerilog2005,
        ["1800-2009"] = LanguageVersion.SystemVerilog2009,
        ["1800-2012"] = LanguageVersion.SystemVerilog2012,
        ["1800-2017"] = LanguageVersion.SystemVerilog2017,
    }.ToFrozenDictionary();

    /// <summary>True when the token type is a keyword that the version does not reserve.</summary>
    public static bool IsInactiveKeyword(int tokenType, LanguageVersion version)
    {
        if (tokenType <= 0 || tokenType >= IntroducedIn.Length)
        {
            return false;
        }

        var introduced = IntroducedIn[tokenType];
        if (introduced is null)
        {
            return false;
        }

        if (version == LanguageVersion.Verilog2001NoConfig)
        {
            // 1364-2001-noconfig is 2001 without the configuration keywords.
            return introduced.Value > LanguageVersion.Verilog2001 || ConfigKeywords[tokenType];
        }

        return introduced.Value > version;
    }

    /// <summary>True when the token type is any keyword of any version.</summary>
    public static bool IsKeyword(int tokenType) =>
        tokenType > 0 && tokenType < IntroducedIn.Length && IntroducedIn[tokenType] is not null;

    private static LanguageVersion?[] BuildTable(out bool[] configKeywords)
    {
        var vocabulary = SystemVerilogLexer.DefaultVocabulary;
        var maxTokenType = 1;
        while (vocabulary.GetSymbolicName(maxTokenType + 1) is not null)
        {
            maxTokenType++;
        }

        var byText = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var type = 1; type <= maxTokenType; type++)
        {
            var literal = vocabulary.GetLiteralName(type);
            if (literal is { Length: > 2 } && char.IsAsciiLetterLower(literal[1]))
            {
                byText[literal[1..^1]] = type;
            }
        }

        var table = new LanguageVersion?[maxTokenType + 1];
        var config = new bool[maxTokenType + 1];
        void Mark(string keywords, LanguageVersion version)
        {
            foreach (var keyword in keywords.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (byText.TryGetValue(keyword, out var type))
                {
                    table[type] = version;
                }
            }
        }

        Mark(Verilog1995, LanguageVersion.Verilog1995);
        Mark(Verilog2001Config, LanguageVersion.Verilog2001);
        foreach (var keyword in Verilog2001Config.Split(' '))
        {
            config[byText[keyword]] = true;
        }

        Mark(Verilog2001, LanguageVersion.Verilog2001);
        Mark(Verilog2005, LanguageVersion.Verilog2005);
        Mark(SystemVerilog2005, LanguageVersion.SystemVerilog2005);
        Mark(SystemVerilog2009, LanguageVersion.SystemVerilog2009);
        Mark(SystemVerilog2012, LanguageVersion.SystemVerilog2012);
        configKeywords = config;
        return table;
    }
}
