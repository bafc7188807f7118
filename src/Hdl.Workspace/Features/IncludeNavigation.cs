using System.Collections.Immutable;
using Hdl.Syntax.Preprocessor;
using Hdl.Syntax.Text;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Features;

/// <summary>
/// Navigation on an `include directive: definition is the file it names, resolved as the preprocessor resolves it;
/// references are the directives across the workspace that include the same file. Both are read from the lines' text
/// and the index's include lists, so they need neither a parse nor any binding: asked on an `include line while the
/// workspace is still being bound (the includers of a common header are most of a large workspace), they are
/// answered at once.
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

        foreach (var (name, start, end) in DirectivesOn(text, position.Line))
        {
            if (start <= position.Character && position.Character <= end)
            {
                var target = includes.Resolve(name, text.Path, includeDirectories);
                return target is null ? null : new Location(target.Path, default, default, default);
            }
        }

        return null;
    }

    /// <summary>
    /// The `include directives in the workspace that name the same file as the directive under the position (this one
    /// among them), each from its backtick to the closing quote or bracket; null when the position is not on a
    /// directive whose file is found. Only the files the index lists as including that file are read.
    /// </summary>
    /// <param name="textOf">The current text of a workspace file (an open document's buffer or the file on disk).</param>
    public static ImmutableArray<Location>? IncludeSitesAt(
        WorkspaceIndex index, SourceText text, LinePosition position, IIncludeSource includes, Func<string, SourceText?> textOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(textOf);
        var directories = index.Options.Preprocessor.IncludeDirectories;
        if (TargetAt(text, position, includes, directories) is not { } header)
        {
            return null;
        }

        var headerName = Path.GetFileName(header.Path);
        // Every includer's text is read (a common header has thousands of includers): in parallel, in index order.
        return [.. index.Files
            .Where(file => file.Includes.Contains(header.Path, StringComparer.Ordinal))
            .AsParallel().AsOrdered().WithCancellation(cancellationToken)
            .SelectMany(file => textOf(file.Path) is { } includer ? SitesIn(includer, headerName, header.Path, includes, directories) : [])];
    }

    private static List<Location> SitesIn(SourceText includer, string headerName, string headerPath, IIncludeSource includes, ImmutableArray<string> directories)
    {
        var sites = new List<Location>();
        var all = includer.Text.AsSpan();
        for (var at = all.IndexOf(Directive, StringComparison.Ordinal); at >= 0; at = NextDirective(all, at))
        {
            // The file name first: resolving searches the include folders, and an includer names other headers too.
            if (!InLineComment(all, at) && NameAfter(all, at + Directive.Length) is var (name, end) && name.Length > 0
                && string.Equals(Path.GetFileName(name), headerName, StringComparison.Ordinal)
                && includes.Resolve(name, includer.Path, directories)?.Path == headerPath)
            {
                sites.Add(includer.GetLocation(TextSpan.FromBounds(at, end + 1)));
            }
        }

        return sites;
    }

    /// <summary>Whether a `//` comment starts earlier on the line of the offset (a commented-out directive includes nothing).</summary>
    private static bool InLineComment(ReadOnlySpan<char> text, int offset)
    {
        var lineStart = text[..offset].LastIndexOf('\n') + 1;
        return text[lineStart..offset].Contains("//", StringComparison.Ordinal);
    }

    /// <summary>The `include directives on one line: the name, the column of the backtick and of the closing character.</summary>
    private static List<(string Name, int Start, int End)> DirectivesOn(SourceText text, int lineNumber)
    {
        var lineStart = text.Lines.GetLineStart(lineNumber);
        var lineEnd = lineNumber + 1 < text.Lines.LineCount ? text.Lines.GetLineStart(lineNumber + 1) : text.Length;
        var line = text.Text.AsSpan(lineStart, lineEnd - lineStart);
        var found = new List<(string, int, int)>();
        for (var at = line.IndexOf(Directive, StringComparison.Ordinal); at >= 0; at = NextDirective(line, at))
        {
            if (NameAfter(line, at + Directive.Length) is var (name, end) && name.Length > 0)
            {
                found.Add((name, at, end));
            }
        }

        return found;
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
        var close = line[(open + 1)..].IndexOfAny(closing, '\n');
        return close < 0 || line[open + 1 + close] != closing ? null : (line.Slice(open + 1, close).Trim().ToString(), open + 1 + close);
    }
}
