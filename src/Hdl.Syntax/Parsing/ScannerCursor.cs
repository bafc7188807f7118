using System.Collections.Frozen;
using Antlr4.Runtime;
using Hdl.Syntax.Text;

namespace Hdl.Syntax.Parsing;

/// <summary>
/// What the hand-written scanners (Vhdl/VhdlScanner, Verilog/SystemVerilogScanner) share: the position in a file,
/// counted in lines and columns as ANTLR's lexer counts them, and the making of tokens, which read nothing back from a
/// char stream because their text is set when they are made.
/// </summary>
internal sealed class ScannerCursor(SourceText file)
{
    private static readonly Tuple<ITokenSource, ICharStream> NoSource = Tuple.Create<ITokenSource, ICharStream>(null!, null!);

    private readonly string _text = file.Text;
    private int _line = 1;
    private int _column;

    /// <summary>
    /// The keywords of a generated lexer's vocabulary (literal names that start with a lower-case letter) by their
    /// spelling, compared as <paramref name="comparer"/> says: the grammar stays the one list of keywords.
    /// </summary>
    public static FrozenDictionary<string, (int Type, string Spelling)>.AlternateLookup<ReadOnlySpan<char>> KeywordsOf(IVocabulary vocabulary, StringComparer comparer)
    {
        var keywords = new Dictionary<string, (int Type, string Spelling)>(comparer);
        for (var type = 1; vocabulary.GetSymbolicName(type) is not null; type++)
        {
            var literal = vocabulary.GetLiteralName(type);
            if (literal is { Length: > 2 } && literal[1] is >= 'a' and <= 'z')
            {
                var spelling = literal[1..^1];
                keywords[spelling] = (type, spelling);
            }
        }

        return keywords.ToFrozenDictionary(comparer).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The offset of the next token.</summary>
    public int Position { get; private set; }

    public bool IsAtEnd => Position >= _text.Length;

    /// <summary>The character at position, or '\0' past the end (no rule accepts '\0' where this is used).</summary>
    public char At(int position) => (uint)position < (uint)_text.Length ? _text[position] : '\0';

    /// <summary>The EOF token at the current position, as ANTLR makes it (stop before start, empty text).</summary>
    public HdlToken EndOfFile() =>
        new(NoSource, TokenConstants.EOF, TokenConstants.DefaultChannel, Position, Position - 1, file)
        {
            Line = _line,
            Column = _column,
            Text = string.Empty,
        };

    /// <summary>The token from the current position to end, which becomes the new position.</summary>
    public HdlToken Take(int type, int channel, int end, string text)
    {
        var token = new HdlToken(NoSource, type, channel, Position, end - 1, file)
        {
            Line = _line,
            Column = _column,
            Text = text,
        };
        Skip(end);
        return token;
    }

    /// <summary>Moves to end, counting lines as ANTLR does: only '\n' starts a line.</summary>
    public void Skip(int end)
    {
        var span = _text.AsSpan(Position, end - Position);
        var lastNewLine = span.LastIndexOf('\n');
        if (lastNewLine < 0)
        {
            _column += span.Length;
        }
        else
        {
            _line += span.Count('\n');
            _column = span.Length - lastNewLine - 1;
        }

        Position = end;
    }
}
