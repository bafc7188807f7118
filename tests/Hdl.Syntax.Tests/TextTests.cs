using Hdl.Syntax.Text;

namespace Hdl.Syntax.Tests;

public class TextTests
{
    [Theory]
    [InlineData("a\nbc\r\nd\re", 0, 0, 0)]
    [InlineData("a\nbc\r\nd\re", 3, 1, 1)]
    [InlineData("a\nbc\r\nd\re", 6, 2, 0)]
    [InlineData("a\nbc\r\nd\re", 8, 3, 0)]
    [InlineData("a\nbc\r\nd\re", 99, 3, 1)]
    public void Offsets_map_to_lines_for_every_line_ending(string text, int offset, int line, int character)
    {
        var lines = LineIndex.Create(text);
        Assert.Equal(new LinePosition(line, character), lines.GetPosition(offset));
    }

    [Fact]
    public void Positions_past_the_end_of_a_line_clamp_to_the_next_line_start()
    {
        var lines = LineIndex.Create("ab\ncd");
        Assert.Equal(3, lines.GetOffset(new LinePosition(0, 50)));
        Assert.Equal(5, lines.GetOffset(new LinePosition(9, 0)));
    }
}
