using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Hdl.Syntax.Text;

namespace Hdl.Syntax;

/// <summary>
/// A node of a syntax tree: one grammar rule application. Nodes are views created on demand over the
/// parser's tree, which stays internal to this assembly; a tree never changes after parsing.
/// </summary>
public sealed class SyntaxNode
{
    private readonly ParserRuleContext _context;
    private SyntaxNode[]? _childNodes;

    internal SyntaxNode(SyntaxTree tree, ParserRuleContext context, SyntaxNode? parent)
    {
        Tree = tree;
        _context = context;
        Parent = parent;
    }

    public SyntaxTree Tree { get; }

    public SyntaxNode? Parent { get; }

    /// <summary>The grammar rule's name, such as module_declaration or entity_declaration.</summary>
    public string Kind => Tree.GetRuleName(_context.RuleIndex);

    /// <summary>True when the parser reported an error inside this rule and recovered.</summary>
    public bool HasError => _context.exception is not null;

    /// <summary>Child rule nodes in source order.</summary>
    public IReadOnlyList<SyntaxNode> ChildNodes
    {
        get
        {
            if (_childNodes is null)
            {
                var children = new List<SyntaxNode>();
                if (_context.children is not null)
                {
                    foreach (var child in _context.children)
                    {
                        if (child is ParserRuleContext childContext)
                        {
                            children.Add(new SyntaxNode(Tree, childContext, this));
                        }
                    }
                }

                Interlocked.CompareExchange(ref _childNodes, [.. children], null);
            }

            return _childNodes;
        }
    }

    /// <summary>Children in source order: nodes and the tokens that belong directly to this rule.</summary>
    public IEnumerable<SyntaxElement> Children
    {
        get
        {
            if (_context.children is null)
            {
                yield break;
            }

            var nodeIndex = 0;
            var childNodes = ChildNodes;
            foreach (var child in _context.children)
            {
                if (child is ParserRuleContext)
                {
                    yield return new SyntaxElement(childNodes[nodeIndex++]);
                }
                else if (child is ITerminalNode terminal && terminal.Symbol is HdlToken token && token.Type != TokenConstants.EOF)
                {
                    yield return new SyntaxElement(new SyntaxToken(Tree, token));
                }
            }
        }
    }

    /// <summary>True when a token directly under this rule has this text (a keyword or operator of the rule).</summary>
    public bool HasChildToken(string text)
    {
        if (_context.children is null)
        {
            return false;
        }

        foreach (var child in _context.children)
        {
            if (child is ITerminalNode terminal && terminal.Symbol.Text == text)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text of the first token directly under this rule, or empty.</summary>
    public string FirstChildTokenText()
    {
        if (_context.children is not null)
        {
            foreach (var child in _context.children)
            {
                if (child is ITerminalNode terminal && terminal.Symbol.Type != TokenConstants.EOF)
                {
                    return terminal.Symbol.Text;
                }
            }
        }

        return string.Empty;
    }

    /// <summary>Every token under this node, in order, as the parser saw them (after preprocessing).</summary>
    public IEnumerable<SyntaxToken> DescendantTokens()
    {
        var first = _context.Start?.TokenIndex ?? -1;
        var last = _context.Stop?.TokenIndex ?? -1;
        var tokens = Tree.RawTokens;
        for (var index = Math.Max(first, 0); first >= 0 && index <= last && index < tokens.Count; index++)
        {
            if (tokens[index].Type != TokenConstants.EOF)
            {
                yield return new SyntaxToken(Tree, tokens[index]);
            }
        }
    }

    /// <summary>
    /// The node's tokens as one line of text: tokens that touched in the source stay together, others are
    /// separated by one space. Readable for macro output and multi-line constructs alike.
    /// </summary>
    public string ToDisplayText()
    {
        var first = _context.Start?.TokenIndex ?? -1;
        var last = _context.Stop?.TokenIndex ?? -1;
        if (first < 0 || last < first)
        {
            return string.Empty;
        }

        var tokens = Tree.RawTokens;
        if (first == last && first < tokens.Count)
        {
            return tokens[first].Text;
        }

        var builder = new System.Text.StringBuilder();
        HdlToken? previous = null;
        for (var index = first; index <= last && index < tokens.Count; index++)
        {
            var token = tokens[index];
            if (token.Type == TokenConstants.EOF)
            {
                break;
            }

            if (previous is not null && (token.StartIndex != previous.StopIndex + 1 || !ReferenceEquals(token.File, previous.File) || token.Expansion != previous.Expansion))
            {
                builder.Append(' ');
            }

            builder.Append(token.Text);
            previous = token;
        }

        return builder.ToString();
    }

    /// <summary>The tokens directly under this rule (not those of child rules).</summary>
    public IEnumerable<SyntaxToken> ChildTokens()
    {
        foreach (var child in Children)
        {
            if (child.IsToken)
            {
                yield return child.Token;
            }
        }
    }

    /// <summary>All descendant nodes, depth first, in source order, including this one.</summary>
    public IEnumerable<SyntaxNode> DescendantsAndSelf()
    {
        var stack = new Stack<SyntaxNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            var children = node.ChildNodes;
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }

    /// <summary>The first child node of the given kind, or null.</summary>
    public SyntaxNode? ChildNode(string kind)
    {
        foreach (var child in ChildNodes)
        {
            if (child.Kind == kind)
            {
                return child;
            }
        }

        return null;
    }

    public SyntaxToken FirstToken => _context.Start is HdlToken token ? new SyntaxToken(Tree, token) : default;

    /// <summary>The last token; for a rule that matched nothing this precedes <see cref="FirstToken"/>.</summary>
    public SyntaxToken LastToken => _context.Stop is HdlToken token ? new SyntaxToken(Tree, token) : default;

    /// <summary>
    /// The range in the tree's own file. Tokens from includes or macro bodies map to the place where the
    /// include or macro use stands.
    /// </summary>
    public TextSpan Span
    {
        get
        {
            var start = Tree.MapToMainFile(_context.Start as HdlToken, atEnd: false);
            var end = Tree.MapToMainFile(_context.Stop as HdlToken, atEnd: true);
            return end < start ? new TextSpan(start, 0) : TextSpan.FromBounds(start, end);
        }
    }

    public Location Location => Tree.Text.GetLocation(Span);

    /// <summary>The source text of the node in the tree's own file.</summary>
    public string Text => Tree.Text.GetText(Span);

    public override string ToString() => $"{Kind} {Location}";
}

/// <summary>Either a node or a token, as children of a node are.</summary>
public readonly struct SyntaxElement
{
    internal SyntaxElement(SyntaxNode node) => Node = node;

    internal SyntaxElement(SyntaxToken token) => Token = token;

    public SyntaxNode? Node { get; }

    public SyntaxToken Token { get; }

    public bool IsToken => Node is null;
}
