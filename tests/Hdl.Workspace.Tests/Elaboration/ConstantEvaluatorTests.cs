using Hdl.Workspace.Elaboration;

namespace Hdl.Workspace.Tests.Elaboration;

/// <summary>Constant evaluation of parameter expressions in both languages; null means "not computable".</summary>
public class ConstantEvaluatorTests
{
    [Theory]
    [InlineData("WIDTH-1", 7L)]
    [InlineData("(WIDTH + 2) * 3 / 2 % 4", 3L)]
    [InlineData("2 ** WIDTH", 256L)]
    [InlineData("1 << 4 >> 1", 8L)]
    [InlineData("$clog2(DEPTH)", 5L)]
    [InlineData("$clog2(DEPTH + 1)", 6L)]
    [InlineData("$clog2(1)", 0L)]
    [InlineData("WIDTH > 4 ? DEPTH : 1", 32L)]
    [InlineData("WIDTH == 8 && !ZERO", 1L)]
    [InlineData("8'hFF + 'd1 + 4'b1010 + 32'd1_000", 1266L)]
    [InlineData("pkg::N * 2", 6L)]
    [InlineData("16#FF# mod 7", 3L)]
    [InlineData("WIDTH - 1 downto 0", null)]
    [InlineData("true and not false", 1L)]
    [InlineData("X / ZERO", null)]
    [InlineData("UNKNOWN + 1", null)]
    [InlineData("{WIDTH{1'b0}}", null)]
    [InlineData("1.5 * 2", null)]
    [InlineData("4'bx01z", null)]
    [InlineData("", null)]
    [InlineData("|WIDTH", 1L)]
    [InlineData("~|ZERO", 1L)]
    [InlineData("^X", 0L)]
    [InlineData("&WIDTH", null)]
    [InlineData("WIDTH[3:0] + X[0:0] + DEPTH[5]", 10L)]
    public void Evaluates_integer_expressions_or_says_it_cannot(string expression, long? expected)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal) { ["WIDTH"] = 8, ["DEPTH"] = 32, ["ZERO"] = 0, ["X"] = 5, ["pkg::N"] = 3 };
        Assert.Equal(expected, ConstantEvaluator.Evaluate(expression, name => values.TryGetValue(name, out var value) ? value : null));
    }
}
