using Hdl.Workspace.Elaboration;

namespace Hdl.Workspace.Tests.Elaboration;

/// <summary>Constant evaluation of parameter expressions in both languages; null means "not computable".</summary>
public class ConstantEvaluatorTests
{
    [Theory]
    [InlineData("WIDTH-1", "7")]
    [InlineData("(WIDTH + 2) * 3 / 2 % 4", "3")]
    [InlineData("2 ** WIDTH", "256")]
    [InlineData("1 << 4 >> 1", "8")]
    [InlineData("$clog2(DEPTH)", "5")]
    [InlineData("$clog2(DEPTH + 1)", "6")]
    [InlineData("$clog2(1)", "0")]
    [InlineData("WIDTH > 4 ? DEPTH : 1", "32")]
    [InlineData("WIDTH == 8 && !ZERO", "1")]
    [InlineData("8'hFF + 'd1 + 4'b1010 + 32'd1_000", "1266")]
    [InlineData("4'b1010 === 10 && 3'sd2 !== 3", "1")]
    [InlineData("pkg::N * 2", "6")]
    [InlineData("X / ZERO", null)]
    [InlineData("UNKNOWN + 1", null)]
    [InlineData("{WIDTH{1'b0}}", null)]
    [InlineData("1.5 * 2", "3.0")]
    [InlineData("1e3 > 999", "1")]
    [InlineData("4'bx01z", null)]
    [InlineData("", null)]
    [InlineData("|WIDTH", "1")]
    [InlineData("~|ZERO", "1")]
    [InlineData("^X", "0")]
    [InlineData("&WIDTH", null)]
    [InlineData("WIDTH[3:0] + X[0:0] + DEPTH[5]", "10")]
    [InlineData("IMPL == \"fast\"", "1")]
    [InlineData("IMPL != \"fast\" || IMPL == \"fas\"", "0")]
    [InlineData("IMPL", "\"fast\"")]
    [InlineData("IMPL == \"fast\" ? \"a\" : \"b\"", "\"a\"")]
    [InlineData("FLAG && WIDTH >= 8 && WIDTH <= 8 && WIDTH < 9", "1")]
    [InlineData("$unsigned(WIDTH) - 1", "7")]
    [InlineData("$bits(WIDTH)", null)]
    [InlineData("f(WIDTH)", null)]
    public void Evaluates_verilog_expressions_or_says_it_cannot(string expression, string? expected)
    {
        var values = new Dictionary<string, ConstantValue>(StringComparer.Ordinal)
        {
            ["WIDTH"] = ConstantValue.OfInteger(8),
            ["DEPTH"] = ConstantValue.OfInteger(32),
            ["ZERO"] = ConstantValue.OfInteger(0),
            ["X"] = ConstantValue.OfInteger(5),
            ["pkg::N"] = ConstantValue.OfInteger(3),
            ["IMPL"] = ConstantValue.OfString("fast"),
            ["FLAG"] = ConstantValue.True,
        };
        Assert.Equal(expected, ConstantEvaluator.Evaluate(expression, name => values.GetValueOrDefault(name), isVhdl: false)?.ToString());
    }

    [Theory]
    [InlineData("16#FF# mod 7", "3")]
    [InlineData("-7 mod 3 + (-7 rem 3) + abs(-2) + 2**3", "11")]
    [InlineData("1E3 + 2", "1002")]
    [InlineData("true and not false", "true")]
    [InlineData("EN or false", "true")]
    [InlineData("EN xor EN", "false")]
    [InlineData("EN nand true", "false")]
    [InlineData("not EN nor false", "true")]
    [InlineData("EN = true", "true")]
    [InlineData("WIDTH - 1 downto 0", null)]
    [InlineData("WIDTH > 4 and WIDTH /= 9", "true")]
    [InlineData("boolean(WIDTH > 0)", "true")]
    [InlineData("boolean(WIDTH)", null)]
    [InlineData("MODE /= \"none\"", "true")]
    [InlineData("MODE = \"full\"", "true")]
    [InlineData("MODE = \"ful\"", "false")]
    [InlineData("MODE'length", "4")]
    [InlineData("MODE & \"_x\" & 'y'", "\"full_xy\"")]
    [InlineData("POL = '1'", "true")]
    [InlineData("POL and '0'", "'0'")]
    [InlineData("POL = '0' or POL = 'Z'", "false")]
    [InlineData("x\"0F\" = \"00001111\"", "true")]
    [InlineData("STATE = IDLE", "false")]
    [InlineData("STATE > IDLE", "true")]
    [InlineData("STATE = OTHER_TYPE_LITERAL", null)]
    [InlineData("FREQ > 100.0e6", "true")]
    [InlineData("integer(FREQ / 1.0E6)", "125")]
    [InlineData("real(WIDTH) * 0.5", "4.0")]
    [InlineData("FREQ + WIDTH", null)]
    [InlineData("WIDTH + EN", null)]
    [InlineData("natural'high", "2147483647")]
    [InlineData("maximum(WIDTH, 12) + minimum(WIDTH, 12)", "20")]
    [InlineData("1 when WIDTH > 8 else 2 when WIDTH = 8 else 3", "2")]
    [InlineData("std_logic'('1') = POL", "true")]
    [InlineData("unknown_f(WIDTH)", null)]
    [InlineData("f(c => true)", null)]
    public void Evaluates_vhdl_expressions_or_says_it_cannot(string expression, string? expected)
    {
        var values = new Dictionary<string, ConstantValue>(StringComparer.OrdinalIgnoreCase)
        {
            ["WIDTH"] = ConstantValue.OfInteger(8),
            ["EN"] = ConstantValue.True,
            ["MODE"] = ConstantValue.OfString("full"),
            ["POL"] = ConstantValue.OfCharacter('1'),
            ["IDLE"] = ConstantValue.OfEnumeration("state_t", "IDLE", 0),
            ["STATE"] = ConstantValue.OfEnumeration("state_t", "RUN", 1),
            ["OTHER_TYPE_LITERAL"] = ConstantValue.OfEnumeration("other_t", "RUN", 1),
            ["FREQ"] = ConstantValue.OfReal(125.0e6),
        };
        Assert.Equal(expected, ConstantEvaluator.Evaluate(expression, name => values.GetValueOrDefault(name), isVhdl: true)?.ToString());
    }
}
