using System.Text;
using Antlr4.Runtime;
using Antlr4.Runtime.Misc;

namespace Hdl.Syntax.Parsing;

/// <summary>
/// The parser's token stream over the list the scanner or preprocessor made: every token is already there, on the
/// default channel, ending with EOF.
/// </summary>
/// <remarks>
/// ANTLR's <see cref="CommonTokenStream"/> would copy the list into a buffer of its own, grown by doubling (about two
/// references per token, for every file), look for hidden-channel tokens that never come, and go through an
/// interface call for each look-ahead. This stream indexes the list. It also notices cancellation every few thousand
/// tokens, so a long parse stops soon after its request is dropped.
/// </remarks>
internal sealed class TokenListStream : ITokenStream
{
    private const int CancellationCheckMask = 0xFFF;

    private readonly List<HdlToken> _tokens;
    private readonly CancellationToken _cancellationToken;
    private int _index;

    public TokenListStream(List<HdlToken> tokens, CancellationToken cancellationToken)
    {
        if (tokens.Count == 0 || tokens[^1].Type != TokenConstants.EOF)
        {
            throw new ArgumentException("The token list must end with EOF.", nameof(tokens));
        }

        _tokens = tokens;
        _cancellationToken = cancellationToken;
        for (var i = 0; i < tokens.Count; i++)
        {
            // Tree nodes name their tokens by this index (SyntaxNode reads the tree's raw token list with it).
            tokens[i].TokenIndex = i;
        }

        TokenSource = new Replay(tokens);
    }

    public ITokenSource TokenSource { get; }

    public int Index => _index;

    public int Size => _tokens.Count;

    public string SourceName => TokenSource.SourceName;

    public void Consume()
    {
        if (_tokens[_index].Type == TokenConstants.EOF)
        {
            throw new InvalidOperationException("cannot consume EOF");
        }

        if ((++_index & CancellationCheckMask) == 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
        }
    }

    public int LA(int i) => LT(i)?.Type ?? TokenConstants.InvalidType;

    public IToken LT(int k)
    {
        if (k == 0)
        {
            return null!;
        }

        if (k < 0)
        {
            return _index + k >= 0 ? _tokens[_index + k] : null!;
        }

        var i = _index + k - 1;
        return i < _tokens.Count ? _tokens[i] : _tokens[^1];
    }

    public IToken Get(int i) => _tokens[i];

    public int Mark() => 0;

    public void Release(int marker)
    {
    }

    public void Seek(int index) => _index = Math.Clamp(index, 0, _tokens.Count - 1);

    public string GetText() => GetText(Interval.Of(0, _tokens.Count - 1));

    public string GetText(Interval interval)
    {
        var start = Math.Max(interval.a, 0);
        var stop = Math.Min(interval.b, _tokens.Count - 1);
        var text = new StringBuilder();
        for (var i = start; i <= stop && _tokens[i].Type != TokenConstants.EOF; i++)
        {
            text.Append(_tokens[i].Text);
        }

        return text.ToString();
    }

    public string GetText(RuleContext ctx) => GetText(ctx.SourceInterval);

    public string GetText(IToken start, IToken stop) =>
        start is null || stop is null ? string.Empty : GetText(Interval.Of(start.TokenIndex, stop.TokenIndex));

    /// <summary>The stream's tokens again, for the parts of ANTLR that ask a stream for its source (error recovery).</summary>
    private sealed class Replay(List<HdlToken> tokens) : ITokenSource
    {
        private int _next;

        public int Line => tokens[Math.Min(_next, tokens.Count - 1)].Line;

        public int Column => tokens[Math.Min(_next, tokens.Count - 1)].Column;

        public ICharStream InputStream => null!;

        public string SourceName => tokens[0].File.Path;

        public ITokenFactory TokenFactory { get; set; } = CommonTokenFactory.Default;

        public IToken NextToken() => tokens[Math.Min(_next++, tokens.Count - 1)];
    }
}
