namespace Hdl.Workspace.Features.Editing;

/// <summary>
/// Bracket matching and list splitting over raw HDL text, skipping comments and string literals, for edits at places
/// the design model does not locate (the closing parenthesis of a port list, the arguments of a call). The text is
/// the editor's, so it may be broken: every search gives up (null) instead of guessing.
/// </summary>
internal static class SourceScanner
{
    /// <summary>The offset of the first non-space, non-comment character at or after <paramref name="offset"/>, or the text length.</summary>
    public static int SkipTrivia(string text, int offset, bool isVhdl)
    {
        while (offset < text.Length)
        {
            if (char.IsWhiteSpace(text[offset]))
            {
                offset++;
            }
            else if (CommentEnd(text, offset, isVhdl) is { } end)
            {
                offset = end;
            }
            else
            {
                break;
            }
        }

        return offset;
    }

    /// <summary>The offset of the `)` that closes the `(` at <paramref name="open"/>, or null when it is never closed.</summary>
    public static int? MatchingParenthesis(string text, int open, bool isVhdl)
    {
        if (open < 0 || open >= text.Length || text[open] != '(')
        {
            return null;
        }

        var depth = 0;
        foreach (var offset in CodeOffsets(text, open, isVhdl))
        {
            switch (text[offset])
            {
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    if (--depth == 0)
                    {
                        return text[offset] == ')' ? offset : null;
                    }

                    break;
                case ';' when !isVhdl:
                    // A statement ended inside the list: the text is broken here, nothing to match.
                    return null;
            }
        }

        return null;
    }

    /// <summary>The spans (start, end) of the comma-separated items between `(` at <paramref name="open"/> and its `)`, trimmed.</summary>
    public static IReadOnlyList<(int Start, int End)>? SplitList(string text, int open, bool isVhdl)
    {
        if (MatchingParenthesis(text, open, isVhdl) is not { } close)
        {
            return null;
        }

        var items = new List<(int Start, int End)>();
        var depth = 0;
        var itemStart = open + 1;
        foreach (var offset in CodeOffsets(text, open + 1, isVhdl))
        {
            var character = text[offset];
            if (character is '(' or '[' or '{')
            {
                depth++;
            }
            else if (character is ')' or ']' or '}' && depth > 0)
            {
                depth--;
            }
            else if ((character == ',' && depth == 0) || offset == close)
            {
                var start = SkipTrivia(text, itemStart, isVhdl);
                var end = offset;
                while (end > start && char.IsWhiteSpace(text[end - 1]))
                {
                    end--;
                }

                if (end > start || character == ',')
                {
                    items.Add((start, end));
                }

                itemStart = offset + 1;
            }

            if (offset == close)
            {
                break;
            }
        }

        return items;
    }

    /// <summary>The offset of the first `;` at bracket depth zero from <paramref name="offset"/>, or null.</summary>
    public static int? StatementEnd(string text, int offset, bool isVhdl)
    {
        var depth = 0;
        foreach (var code in CodeOffsets(text, offset, isVhdl))
        {
            switch (text[code])
            {
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ';' when depth == 0:
                    return code;
            }
        }

        return null;
    }

    /// <summary>The leading spaces and tabs of the line holding <paramref name="offset"/>.</summary>
    public static string IndentationAt(string text, int offset)
    {
        var lineStart = offset;
        while (lineStart > 0 && text[lineStart - 1] != '\n')
        {
            lineStart--;
        }

        var end = lineStart;
        while (end < text.Length && text[end] is ' ' or '\t')
        {
            end++;
        }

        return text[lineStart..end];
    }

    /// <summary>The offsets from <paramref name="from"/> on that hold code: comments and string literals are stepped over.</summary>
    private static IEnumerable<int> CodeOffsets(string text, int from, bool isVhdl)
    {
        for (var offset = from; offset < text.Length; offset++)
        {
            if (CommentEnd(text, offset, isVhdl) is { } commentEnd)
            {
                offset = commentEnd - 1;
            }
            else if (text[offset] == '"')
            {
                offset = StringEnd(text, offset) - 1;
            }
            else
            {
                yield return offset;
            }
        }
    }

    private static int? CommentEnd(string text, int offset, bool isVhdl)
    {
        if (offset + 1 >= text.Length)
        {
            return null;
        }

        if (isVhdl ? text[offset] == '-' && text[offset + 1] == '-' : text[offset] == '/' && text[offset + 1] == '/')
        {
            var newline = text.IndexOf('\n', offset);
            return newline < 0 ? text.Length : newline;
        }

        if (text[offset] == '/' && text[offset + 1] == '*')
        {
            var close = text.IndexOf("*/", offset + 2, StringComparison.Ordinal);
            return close < 0 ? text.Length : close + 2;
        }

        return null;
    }

    private static int StringEnd(string text, int open)
    {
        for (var offset = open + 1; offset < text.Length; offset++)
        {
            if (text[offset] == '\\')
            {
                offset++;
            }
            else if (text[offset] is '"' or '\n')
            {
                return offset + 1;
            }
        }

        return text.Length;
    }
}
