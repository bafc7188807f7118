using Antlr4.Runtime;
using Hdl.Syntax.Text;

namespace Hdl.Syntax;

/// <summary>
/// A chain of macro expansions a token came through: the macro's name and where it was used, then the
/// expansion that use itself came from (null at the outermost use in real source).
/// </summary>
public sealed record MacroExpansion(string MacroName, Location CallSite, MacroExpansion? Parent);

/// <summary>
/// The token type shared by lexers, preprocessor and parsers. It remembers the file its text lies in
/// (the main file, an include, or a macro body's file) and, for macro output, the expansion chain,
/// so every token maps back to an original location.
/// </summary>
internal sealed class HdlToken : CommonToken
{
    public HdlToken(Tuple<ITokenSource, ICharStream> source, int type, int channel, int start, int stop, SourceText file)
        : base(source, type, channel, start, stop)
    {
        File = file;
    }

    /// <summary>The file whose text holds this token (for macro output: the file of the macro body).</summary>
    public SourceText File { get; }

    /// <summary>Set on tokens produced by macro expansion.</summary>
    public MacroExpansion? Expansion { get; init; }

    /// <summary>True for a token the parser's error recovery invented; it has no text in any file.</summary>
    public bool IsMissing { get; init; }

    public TextSpan Span => StartIndex < 0 ? new TextSpan(0, 0) : TextSpan.FromBounds(StartIndex, StopIndex + 1);

    /// <summary>A copy of this token for a macro expansion (or another type after keyword filtering).</summary>
    public HdlToken With(int type, MacroExpansion? expansion) =>
        new(source, type, Channel, StartIndex, StopIndex, File)
        {
            Text = Text,
            Line = Line,
            Column = Column,
            Expansion = expansion,
        };

    /// <summary>A token with synthesized text (token pasting, stringification) placed at a call site.</summary>
    public static HdlToken Synthesized(int type, string text, SourceText file, TextSpan span, LinePosition position, MacroExpansion? expansion) =>
        new(Tuple.Create<ITokenSource, ICharStream>(null!, null!), type, TokenConstants.DefaultChannel, span.Start, span.End - 1, file)
        {
            Text = text,
            Line = position.Line + 1,
            Column = position.Character,
            Expansion = expansion,
        };
}

/// <summary>Makes the lexer produce <see cref="HdlToken"/> for one file.</summary>
internal sealed class HdlTokenFactory(SourceText file) : ITokenFactory
{
    private readonly TokenTextTable _texts = new();

    public IToken Create(Tuple<ITokenSource, ICharStream> source, int type, string text, int channel, int start, int stop, int line, int charPositionInLine)
    {
        var token = new HdlToken(source, type, channel, start, stop, file)
        {
            Line = line,
            Column = charPositionInLine,
        };
        // Text is taken once from the file so that later reads never go back to the char stream.
        token.Text = text ?? (start >= 0 && stop >= start && stop < file.Length ? _texts.Get(file.Text.AsSpan(start, stop - start + 1)) : string.Empty);
        return token;
    }

    public IToken Create(int type, string text) =>
        new HdlToken(Tuple.Create<ITokenSource, ICharStream>(null!, null!), type, TokenConstants.DefaultChannel, -1, -1, file) { Text = text };
}

/// <summary>
/// One string per distinct short token text of a file: keywords, operators, names, newlines and indentation repeat
/// thousands of times in a file, and a substring per token was a large part of the preprocessor's allocation
/// (bench/parse-throughput/results.md).
/// </summary>
internal sealed class TokenTextTable
{
    /// <summary>Longer texts (comments, long strings) are rarely repeated and are not worth a table entry.</summary>
    public const int MaxSharedLength = 64;

    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _texts =
        new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxSharedLength)
        {
            return text.ToString();
        }

        if (!_texts.TryGetValue(text, out var shared))
        {
            shared = text.ToString();
            _texts.Dictionary.Add(shared, shared);
        }

        return shared;
    }
}
