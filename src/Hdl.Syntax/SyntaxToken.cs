using Hdl.Syntax.Text;

namespace Hdl.Syntax;

/// <summary>A token of a syntax tree: its kind, text, the file and range it came from, and its macro origin.</summary>
public readonly struct SyntaxToken : IEquatable<SyntaxToken>
{
    private readonly HdlToken? _token;
    private readonly SyntaxTree? _tree;

    internal SyntaxToken(SyntaxTree tree, HdlToken token)
    {
        _tree = tree;
        _token = token;
    }

    internal HdlToken? Raw => _token;

    public bool IsDefault => _token is null;

    /// <summary>The lexer's token type; compare with <see cref="KindName"/> in tests and tools.</summary>
    public int Kind => _token?.Type ?? 0;

    /// <summary>The lexer's symbolic name for the token type, such as SIMPLE_IDENTIFIER or MODULE.</summary>
    public string KindName => _tree is null || _token is null ? string.Empty : _tree.GetTokenKindName(_token.Type);

    public string Text => _token?.Text ?? string.Empty;

    /// <summary>The file that holds the token's text (an include or a macro body's file for expanded tokens).</summary>
    public SourceText? File => _token?.File;

    public TextSpan Span => _token?.Span ?? default;

    public Location Location => _token is null ? default : _token.File.GetLocation(_token.Span);

    /// <summary>True when error recovery invented the token: it has no text in the file.</summary>
    public bool IsMissing => _token?.IsMissing ?? false;

    public MacroExpansion? Expansion => _token?.Expansion;

    /// <summary>True when the token's text lies in the tree's own file and not in a macro expansion.</summary>
    public bool IsInMainFile => _token is not null && _tree is not null && ReferenceEquals(_token.File, _tree.Text) && _token.Expansion is null;

    public bool Equals(SyntaxToken other) => ReferenceEquals(_token, other._token);

    public override bool Equals(object? obj) => obj is SyntaxToken other && Equals(other);

    public override int GetHashCode() => _token?.GetHashCode() ?? 0;

    public static bool operator ==(SyntaxToken left, SyntaxToken right) => left.Equals(right);

    public static bool operator !=(SyntaxToken left, SyntaxToken right) => !left.Equals(right);

    public override string ToString() => Text;
}
