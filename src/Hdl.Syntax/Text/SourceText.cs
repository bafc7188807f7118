namespace Hdl.Syntax.Text;

/// <summary>
/// The immutable text of one source file and the path it is known by. The syntax layer never reads
/// files itself: hosts and the workspace create SourceText from what they read.
/// </summary>
public sealed class SourceText
{
    private LineIndex? _lines;

    private SourceText(string path, string text)
    {
        Path = path;
        Text = text;
    }

    /// <summary>The path the file is known by (as given, not normalised here).</summary>
    public string Path { get; }

    public string Text { get; }

    public int Length => Text.Length;

    public LineIndex Lines => _lines ??= LineIndex.Create(Text);

    public static SourceText From(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        return new SourceText(path, text);
    }

    public string GetText(TextSpan span) => Text.Substring(span.Start, span.Length);

    public Location GetLocation(TextSpan span) => new(Path, span, Lines.GetPosition(span.Start), Lines.GetPosition(span.End));

    public override string ToString() => Path;
}
