using System.Collections.Immutable;
using Hdl.Syntax.Preprocessor;
using Hdl.Syntax.Text;

namespace Hdl.Workspace.Features;

/// <summary>
/// Go to definition on an `include directive: the file it names, resolved as the preprocessor resolves it. Read from
/// the line's text alone, so it needs neither a parse nor any binding: a definition asked on an `include line while
/// the workspace is still being bound (the includers of a common header are most of a large workspace) is answered
/// at once.
/// </summary>
public static class IncludeNavigation
{
    private const string Directive = "`include";

    /// <summary>
    /// The start of the file named by the `include directive under the position (from the backtick to the closing
    /// quote or bracket), or null when the position is not on one or the file is not found.
    /// </summary>
    public static Location? TargetAt(SourceText text, LinePosition position, IIncludeSource includes, ImmutableArray<string> includeDirectories)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(includes);
        if (position.Line < 0 || position.Line >= text.Lines.LineCount)
        {
            return null;
        }

        var lineStart = text.Lines.GetLineStart(position.Line);
        var lineEnd = position.Line + 1 < text.Lines.LineCount ? text.Lines.GetLineStart(position.Line + 1) : text.Length;
        var line = text.Text.AsSpan(lineStart, lineEnd - lineStart);
        var caret = position.Character;
        for (var at = line.IndexOf(Directive, StringComparison.Ordinal); at >= 0; at = NextDirective(line, at))
        {
            if (NameAfter(line, at + Directive.Length) is not var (name, end) || name.Length == 0)
            {
                continue;
            }

            if (at <= caret && caret <= end)
            {
                var target = includes.Resolve(name, text.Path, includeDirectories);
                return target is null ? null : new Location(target.Path, default, default, default);
            }
        }

        return null;
    }

    private static int NextDirective(ReadOnlySpan<char> line, int at)
    {
        var next = line[(at + 1)..].IndexOf(Directive, StringComparison.Ordinal);
        return next < 0 ? -1 : at + 1 + next;
    }

    /// <summary>The name in "..." or &lt;...&gt; after the directive (spaces between allowed), and the offset of its closing character.</summary>
    private static (string Name, int End)? NameAfter(ReadOnlySpan<char> line, int from)
    {
        var open = from;
        while (open < line.Length && line[open] is ' ' or '\t')
        {
            open++;
        }

        if (open >= line.Length || line[open] is not ('"' or '<'))
        {
            return null;
        }

        var closing = line[open] == '"' ? '"' : '>';
        var close = line[(open + 1)..].IndexOf(closing);
        return close < 0 ? null : (line.Slice(open + 1, close).Trim().ToString(), open + 1 + close);
    }
}
