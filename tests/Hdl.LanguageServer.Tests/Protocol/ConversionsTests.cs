using Hdl.LanguageServer.Protocol;
using Hdl.LanguageServer.Server;
using Hdl.Syntax.Text;
using System.Text;

namespace Hdl.LanguageServer.Tests.ProtocolTests;

/// <summary>URIs, positions and framing checks: the conversions every handler relies on.</summary>
public class ConversionsTests
{
    [Theory]
    [InlineData("file:///home/me/rtl/top.sv", "/home/me/rtl/top.sv")]
    [InlineData("file:///home/me/my%20designs/top%2Bbottom.sv", "/home/me/my designs/top+bottom.sv")]
    [InlineData("file:///home/me/%C3%BCber.vhd", "/home/me/über.vhd")]
    [InlineData("file://localhost/srv/a.v", "/srv/a.v")]
    [InlineData("file://server/share/a.v", "//server/share/a.v")]
    public void Posix_file_uris_decode_to_paths(string uri, string path)
    {
        Assert.Equal(path, Conversions.ToPath(uri, PathStyle.Posix));
    }

    [Theory]
    [InlineData("file:///c%3A/work/top.sv", @"c:\work\top.sv")]
    [InlineData("file:///C:/work/my%20top.sv", @"C:\work\my top.sv")]
    [InlineData("file://server/share/a.v", @"\\server\share\a.v")]
    public void Windows_file_uris_decode_drive_letters_and_shares(string uri, string path)
    {
        Assert.Equal(path, Conversions.ToPath(uri, PathStyle.Windows));
    }

    [Theory]
    [InlineData("untitled:Untitled-1")]
    [InlineData("https://example.com/top.sv")]
    public void Other_schemes_have_no_path(string uri)
    {
        Assert.Null(Conversions.ToPath(uri, PathStyle.Posix));
    }

    [Theory]
    [InlineData("/home/me/my designs/top+bottom.sv", PathStyle.Posix, "file:///home/me/my%20designs/top%2Bbottom.sv")]
    [InlineData("/home/me/über.vhd", PathStyle.Posix, "file:///home/me/%C3%BCber.vhd")]
    [InlineData(@"C:\work\top.sv", PathStyle.Windows, "file:///c%3A/work/top.sv")]
    [InlineData(@"\\server\share\a.v", PathStyle.Windows, "file://server/share/a.v")]
    public void Paths_encode_to_uris_that_decode_back(string path, PathStyle style, string uri)
    {
        Assert.Equal(uri, Conversions.ToUri(path, style));
        var back = Conversions.ToPath(uri, style);
        Assert.Equal(style == PathStyle.Windows ? path.Replace("C:", "c:", StringComparison.Ordinal) : path, back);
    }

    [Fact]
    public void Positions_are_utf16_and_clamp_past_the_end()
    {
        var text = SourceText.From("/t.sv", "// \U0001F600 x\nmodule m;\nendmodule");
        // The emoji is two UTF-16 units, as LSP counts by default: 'x' is at character 6.
        Assert.Equal('x', text.Text[Conversions.ToOffset(text, new Position(0, 6))]);
        Assert.Equal(text.Length, Conversions.ToOffset(text, new Position(99, 0)));
        Assert.Equal(text.Text.IndexOf('\n', StringComparison.Ordinal), Conversions.ToOffset(text, new Position(0, 500)));
        Assert.Equal(0, Conversions.ToOffset(text, new Position(-3, -3)));
    }

    [Fact]
    public void Semantic_tokens_are_relative_to_the_previous_token()
    {
        var data = Conversions.ToSemanticTokens(
        [
            new Workspace.Features.ClassifiedSpan(new LinePosition(0, 0), 6, Workspace.Features.TokenClass.Keyword, false),
            new Workspace.Features.ClassifiedSpan(new LinePosition(0, 7), 3, Workspace.Features.TokenClass.Unit, true),
            new Workspace.Features.ClassifiedSpan(new LinePosition(2, 4), 1, Workspace.Features.TokenClass.Signal, false),
        ]);
        Assert.Equal("0 0 6 0 0 0 7 3 4 1 2 4 1 7 0", string.Join(' ', data));
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\"}", null)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}", null)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":", -32700)]
    [InlineData("[1]", -32600)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":3}", -32600)]
    public void Framing_passes_messages_and_replaces_the_rest_with_an_error_call(string body, int? code)
    {
        var checkedBody = Encoding.UTF8.GetString(MessageFraming.Check(Encoding.UTF8.GetBytes(body)));
        if (code is null)
        {
            Assert.Equal(body, checkedBody);
        }
        else
        {
            Assert.Contains(MessageFraming.InvalidMessageMethod, checkedBody, StringComparison.Ordinal);
            Assert.Contains($"\"code\":{code}", checkedBody, StringComparison.Ordinal);
        }
    }
}
