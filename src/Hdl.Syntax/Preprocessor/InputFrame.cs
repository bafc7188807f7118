using Hdl.Syntax.Text;

namespace Hdl.Syntax.Preprocessor;

/// <summary>
/// One level of the preprocessor's input stack: a file's tokens (the main file or an include) or the
/// tokens of one macro expansion, read from <see cref="Position"/> up to <see cref="End"/>.
/// </summary>
internal sealed class InputFrame
{
    private InputFrame(List<HdlToken> tokens, int end, SourceText? file)
    {
        Tokens = tokens;
        End = end;
        File = file;
    }

    public List<HdlToken> Tokens { get; }

    public int Position { get; set; }

    /// <summary>For a file: the index of its EOF token, which is never consumed. For an expansion: the token count.</summary>
    public int End { get; }

    /// <summary>The file this frame reads; null for a macro expansion.</summary>
    public SourceText? File { get; }

    public bool IsFile => File is not null;

    public bool IsMain { get; private init; }

    /// <summary>Number of open conditionals when the file was entered: the ones above belong to this file.</summary>
    public int ConditionalBase { get; private init; }

    /// <summary>The span in the main file of the top-level `include that led here (for the main file: unused).</summary>
    public TextSpan MainSite { get; private init; }

    /// <summary>
    /// True for include files, whose tokens are shared by every run that includes them: each emitted token is a
    /// copy, so no token object is in two parsers' input (the parser's stream writes each token's index).
    /// </summary>
    public bool CopyOnEmit { get; private init; }

    /// <summary>Set by `line: added to a physical line number (1-based) to get the presumed one.</summary>
    public int LineDelta { get; set; }

    /// <summary>Set by `line: the file name `__FILE__ reports from here on.</summary>
    public string? PresumedPath { get; set; }

    public bool IsAtEnd => Position >= End;

    public HdlToken? Peek() => Position < End ? Tokens[Position] : null;

    public static InputFrame ForMainFile(SourceText file, List<HdlToken> tokens) =>
        new(tokens, tokens.Count - 1, file) { IsMain = true };

    public static InputFrame ForInclude(SourceText file, List<HdlToken> tokens, int conditionalBase, TextSpan mainSite) =>
        new(tokens, tokens.Count - 1, file) { ConditionalBase = conditionalBase, MainSite = mainSite, CopyOnEmit = true };

    public static InputFrame ForExpansion(List<HdlToken> tokens) => new(tokens, tokens.Count, null);
}
