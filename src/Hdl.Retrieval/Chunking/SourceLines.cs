using System.Text;

namespace Hdl.Retrieval.Chunking;

/// <summary>A file's text as lines, with code and comments told apart per line (for the chunk fields).</summary>
internal sealed class SourceLines
{
    private readonly string[] _lines;
    private readonly string[] _code;
    private readonly string[] _comments;

    public SourceLines(string text, bool isVhdl)
    {
        _lines = text.Split('\n');
        _code = new string[_lines.Length];
        _comments = new string[_lines.Length];
        var inBlockComment = false;
        var code = new StringBuilder();
        var comment = new StringBuilder();
        for (var lineIndex = 0; lineIndex < _lines.Length; lineIndex++)
        {
            var line = _lines[lineIndex].TrimEnd('\r');
            _lines[lineIndex] = line;
            code.Clear();
            comment.Clear();
            var inString = false;
            for (var index = 0; index < line.Length; index++)
            {
                var current = line[index];
                var next = index + 1 < line.Length ? line[index + 1] : '\0';
                if (inBlockComment)
                {
                    if (current == '*' && next == '/')
                    {
                        inBlockComment = false;
                        index++;
                    }
                    else
                    {
                        comment.Append(current);
                    }

                    continue;
                }

                if (current == '"')
                {
                    inString = !inString;
                }

                if (!inString && ((isVhdl && current == '-' && next == '-') || (current == '/' && next == '/')))
                {
                    comment.Append(line, index + 2, line.Length - index - 2);
                    break;
                }

                if (!inString && !isVhdl && current == '/' && next == '*')
                {
                    inBlockComment = true;
                    index++;
                    continue;
                }

                code.Append(current);
            }

            _code[lineIndex] = code.ToString();
            _comments[lineIndex] = comment.ToString().Trim();
        }
    }

    public int Count => _lines.Length;

    /// <summary>Raw text of 0-based lines [first, last].</summary>
    public string Text(int first, int last) => Join(_lines, first, last);

    public string Code(int first, int last) => Join(_code, first, last);

    public string Comments(int first, int last)
    {
        var builder = new StringBuilder();
        for (var line = Math.Max(0, first); line <= Math.Min(last, Count - 1); line++)
        {
            if (_comments[line].Length > 0)
            {
                builder.Append(_comments[line]).Append('\n');
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The comments of 0-based lines [<paramref name="first"/>, <paramref name="last"/>] whose paragraph (a run of
    /// comment lines with words, ended by a line without any) mentions none of <paramref name="skipWords"/>.
    /// </summary>
    public string CommentParagraphs(int first, int last, IReadOnlyCollection<string> skipWords)
    {
        var builder = new StringBuilder();
        var paragraph = new StringBuilder();
        var skip = false;
        void Flush()
        {
            if (!skip)
            {
                builder.Append(paragraph);
            }

            paragraph.Clear();
            skip = false;
        }

        for (var line = Math.Max(0, first); line <= Math.Min(last, Count - 1); line++)
        {
            var comment = _comments[line];
            if (!comment.Any(char.IsLetter))
            {
                Flush();
                continue;
            }

            paragraph.Append(comment).Append('\n');
            skip |= skipWords.Any(word => comment.Contains(word, StringComparison.OrdinalIgnoreCase));
        }

        Flush();
        return builder.ToString();
    }

    /// <summary>The first line of the comment block right above <paramref name="line"/> (itself when there is none).</summary>
    public int LeadingCommentStart(int line, int maxLines)
    {
        var start = Math.Min(line, Count);
        while (start - 1 >= 0 && line - start < maxLines && IsCommentOnly(start - 1))
        {
            start--;
        }

        return Math.Min(start, line);
    }

    /// <summary>The first line at or after <paramref name="line"/>, up to <paramref name="limit"/>, whose code contains one of the words.</summary>
    public int FindLineWithWord(int line, int limit, IReadOnlyList<string> words, StringComparison comparison)
    {
        for (var index = line; index <= Math.Min(limit, Count - 1); index++)
        {
            foreach (var word in words)
            {
                var found = _code[index].IndexOf(word, comparison);
                if (found >= 0 && IsWordAt(_code[index], found, word.Length))
                {
                    return index;
                }
            }
        }

        return -1;
    }

    private bool IsCommentOnly(int line) => _comments[line].Length > 0 && string.IsNullOrWhiteSpace(_code[line]);

    private static bool IsWordAt(string text, int start, int length) =>
        (start == 0 || !IsWordChar(text[start - 1])) && (start + length >= text.Length || !IsWordChar(text[start + length]));

    private static bool IsWordChar(char character) => char.IsLetterOrDigit(character) || character == '_';

    private static string Join(string[] lines, int first, int last)
    {
        first = Math.Max(0, first);
        last = Math.Min(last, lines.Length - 1);
        return first > last ? string.Empty : string.Join('\n', lines, first, last - first + 1);
    }
}
