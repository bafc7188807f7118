using System.Collections.Immutable;
using Antlr4.Runtime;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Text;

namespace Hdl.Syntax;

/// <summary>A `include as the preprocessor saw it: the directive's range in the file that holds it, and what it found.</summary>
public sealed record IncludeDirective(string IncludeName, Location DirectiveLocation, string? ResolvedPath);

/// <summary>A macro as defined at the end of a file: name, formal arguments (null when it takes none), body text, where.</summary>
public sealed record MacroDefinition(string Name, ImmutableArray<string>? Parameters, string Body, Location? DefinedAt);

/// <summary>What the preprocessor learned about a file beside its tokens.</summary>
public sealed record PreprocessorFacts(
    ImmutableArray<IncludeDirective> Includes,
    ImmutableArray<TextSpan> InactiveRegions,
    ImmutableArray<MacroDefinition> Macros)
{
    public static readonly PreprocessorFacts Empty = new([], [], []);
}

/// <summary>
/// The immutable result of parsing one file: its text, the tree, every token the parser saw, comments
/// as trivia, and diagnostics with file, line and column. A broken file still has a tree for what parsed.
/// </summary>
public sealed class SyntaxTree
{
    private readonly ParserRuleContext _root;
    private readonly IVocabulary _vocabulary;
    private readonly string[] _ruleNames;
    private readonly IReadOnlyDictionary<string, TextSpan> _includeSites;
    private SyntaxNode? _rootNode;

    internal SyntaxTree(
        SourceText text,
        HdlLanguage language,
        LanguageVersion version,
        ParserRuleContext root,
        IVocabulary vocabulary,
        string[] ruleNames,
        IReadOnlyList<HdlToken> tokens,
        IReadOnlyList<HdlToken> comments,
        ImmutableArray<Diagnostic> diagnostics,
        PreprocessorFacts preprocessor,
        IReadOnlyDictionary<string, TextSpan> includeSites)
    {
        Text = text;
        Language = language;
        Version = version;
        _root = root;
        _vocabulary = vocabulary;
        _ruleNames = ruleNames;
        RawTokens = tokens;
        RawComments = comments;
        Diagnostics = diagnostics;
        Preprocessor = preprocessor;
        _includeSites = includeSites;
    }

    public SourceText Text { get; }

    public HdlLanguage Language { get; }

    public LanguageVersion Version { get; }

    public SyntaxNode Root => _rootNode ??= new SyntaxNode(this, _root, null);

    public ImmutableArray<Diagnostic> Diagnostics { get; }

    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    public PreprocessorFacts Preprocessor { get; }

    internal IReadOnlyList<HdlToken> RawTokens { get; }

    internal IReadOnlyList<HdlToken> RawComments { get; }

    /// <summary>The tokens the parser saw, after preprocessing, in order (without end of file).</summary>
    public IEnumerable<SyntaxToken> Tokens
    {
        get
        {
            foreach (var token in RawTokens)
            {
                if (token.Type != TokenConstants.EOF)
                {
                    yield return new SyntaxToken(this, token);
                }
            }
        }
    }

    /// <summary>Comments of the file itself, in order: trivia, kept for documentation and search.</summary>
    public IEnumerable<SyntaxToken> Comments
    {
        get
        {
            foreach (var token in RawComments)
            {
                yield return new SyntaxToken(this, token);
            }
        }
    }

    public string GetRuleName(int ruleIndex) => ruleIndex >= 0 && ruleIndex < _ruleNames.Length ? _ruleNames[ruleIndex] : "?";

    public string GetTokenKindName(int tokenType) => tokenType == TokenConstants.EOF ? "EOF" : _vocabulary.GetSymbolicName(tokenType) ?? tokenType.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The offset in this file that stands for a token: its own offset, or for tokens from an include or a
    /// macro body, the range of the `include or macro use in this file.
    /// </summary>
    internal int MapToMainFile(HdlToken? token, bool atEnd)
    {
        if (token is null || token.Type == TokenConstants.EOF || token.IsMissing)
        {
            return token is null || token.StartIndex < 0 ? 0 : Math.Min(token.StartIndex, Text.Length);
        }

        var expansion = token.Expansion;
        if (expansion is not null)
        {
            while (expansion.Parent is not null)
            {
                expansion = expansion.Parent;
            }

            if (expansion.CallSite.Path == Text.Path)
            {
                return atEnd ? expansion.CallSite.Span.End : expansion.CallSite.Span.Start;
            }

            return MapInclude(expansion.CallSite.Path, atEnd);
        }

        if (ReferenceEquals(token.File, Text))
        {
            return atEnd ? token.StopIndex + 1 : token.StartIndex;
        }

        return MapInclude(token.File.Path, atEnd);
    }

    private int MapInclude(string path, bool atEnd) =>
        _includeSites.TryGetValue(path, out var site) ? (atEnd ? site.End : site.Start) : 0;
}
