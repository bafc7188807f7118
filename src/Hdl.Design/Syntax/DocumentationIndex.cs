using System.Text;
using Hdl.Syntax;
using Hdl.Syntax.Text;

namespace Hdl.Design.Syntax;

/// <summary>
/// Finds the comments that document a construct: the block of comment lines right above it (no blank line
/// between), or failing that a comment after it on the same line, as engineers annotate ports and signals.
/// </summary>
internal sealed class DocumentationIndex
{
    private readonly SourceText _text;
    private readonly List<TextSpan> _spans = [];
    private readonly List<string> _texts = [];

    public DocumentationIndex(SyntaxTree tree)
    {
        _text = tree.Text;
        foreach (var comment in tree.Comments)
        {
            if (ReferenceEquals(comment.File, tree.Text))
            {
                _spans.Add(comment.Span);
                _texts.Add(comment.Text);
            }
        }
    }

    public string? Above(TextSpan span)
    {
        var index = LastEndingBefore(span.Start);
        var lines = new List<string>();
        var boundary = span.Start;
        while (index >= 0 && OnlySpaceWithoutBlankLine(_spans[index].End, boundary) && StartsItsLine(_spans[index].Start))
        {
            lines.Insert(0, Strip(_texts[index]));
            boundary = _spans[index].Start;
            index--;
        }

        return Join(lines);
    }

    public string? SameLineAfter(TextSpan span)
    {
        var index = LastEndingBefore(span.End) + 1;
        if (index >= _spans.Count)
        {
            return null;
        }

        var start = _spans[index].Start;
        for (var i = span.End; i < start; i++)
        {
            var c = _text.Text[i];
            if (c is '\n' or '\r')
            {
                return null;
            }

            if (!char.IsWhiteSpace(c) && c is not ',' and not ';' and not ')')
            {
                return null;
            }
        }

        return Join([Strip(_texts[index])]);
    }

    /// <summary>Above, else the same line after: what an engineer reading the code takes as its description.</summary>
    public string? For(TextSpan span) => Above(span) ?? SameLineAfter(span);

    private int LastEndingBefore(int offset)
    {
        int low = 0, high = _spans.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (_spans[middle].End <= offset)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }

    /// <summary>A comment after code on its line describes that code, not what follows.</summary>
    private bool StartsItsLine(int offset)
    {
        for (var i = offset - 1; i >= 0; i--)
        {
            var c = _text.Text[i];
            if (c is '\n' or '\r')
            {
                return true;
            }

            if (!char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    private bool OnlySpaceWithoutBlankLine(int from, int to)
    {
        var newlines = 0;
        for (var i = from; i < to && i < _text.Length; i++)
        {
            var c = _text.Text[i];
            if (c == '\n')
            {
                newlines++;
            }
            else if (!char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return newlines <= 1;
    }

    private static string Strip(string comment)
    {
        var body = comment;
        if (body.StartsWith("//", StringComparison.Ordinal) || body.StartsWith("--", StringComparison.Ordinal))
        {
            body = body[2..];
        }
        else if (body.StartsWith("/*", StringComparison.Ordinal))
        {
            body = body[2..];
            if (body.EndsWith("*/", StringComparison.Ordinal))
            {
                body = body[..^2];
            }
        }

        var builder = new StringBuilder();
        foreach (var line in body.Split('\n'))
        {
            var trimmed = line.Trim().TrimStart('*', '/', '-', '!', '<').Trim();
            if (trimmed.Length > 0 && !IsRule(trimmed))
            {
                builder.Append(builder.Length > 0 ? " " : string.Empty).Append(trimmed);
            }
        }

        return builder.ToString();
    }

    /// <summary>Decorative lines (`=====`, `-----`) carry no words.</summary>
    private static bool IsRule(string line)
    {
        foreach (var c in line)
        {
            if (char.IsLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string? Join(List<string> lines)
    {
        var text = string.Join(' ', lines.Where(line => line.Length > 0)).Trim();
        return text.Length == 0 ? null : text;
    }
}
