namespace Hdl.Syntax.Text;

/// <summary>
/// The immutable text of one source file and the path it is known by. The syntax layer never reads
/// files itself: hosts and the workspace create SourceText from what they read.
/// </summary>
public sealed class SourceText
{
    private LineIndex? _lines;
    private object? _derived;

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

    /// <summary>
    /// Data computed from this text alone, made once and shared by every reader (the text never changes): the
    /// preprocessor keeps an include file's tokens here, so a header included by many files is lexed once.
    /// </summary>
    internal T GetOrCreateDerived<T>(Func<SourceText, T> create)
        where T : class
    {
        if (Volatile.Read(ref _derived) is T existing)
        {
            return existing;
        }

        var created = create(this);
        return Interlocked.CompareExchange(ref _derived, created, null) as T ?? created;
    }
}
