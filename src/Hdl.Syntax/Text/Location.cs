namespace Hdl.Syntax.Text;

/// <summary>A range in a named file with its line/column positions, ready to render or to send to an editor.</summary>
public readonly record struct Location(string Path, TextSpan Span, LinePosition Start, LinePosition End)
{
    /// <summary>`path:line:column`, one-based, the form compilers and editors understand.</summary>
    public override string ToString() => $"{Path}:{Start.Line + 1}:{Start.Character + 1}";
}
