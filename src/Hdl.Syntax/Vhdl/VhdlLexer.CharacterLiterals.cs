using Antlr4.Runtime;

namespace Hdl.Syntax.Vhdl;

/// <summary>
/// Decides the VHDL tick ambiguity in the lexer (IEEE 1076-2008 15.6): an apostrophe after something that can
/// end a name (an identifier, `)`, `]` or `all`) is an attribute or qualification tick, as in `s'event`,
/// `f(x)'length`, `t'('a')`; anywhere else `'x'` is a character literal.
/// </summary>
// The generated half carries [CLSCompliant(false)]; the compiler reports that on this half of the type.
#pragma warning disable CS3021
internal partial class VhdlLexer
#pragma warning restore CS3021
{
    /// <summary>The type of the last token on the default channel; comments and spaces do not change it.</summary>
    private int _lastSignificantTokenType = TokenConstants.InvalidType;

    /// <summary>Read by the CHARACTER_LITERAL rule's predicate.</summary>
    private bool CharacterLiteralAllowed => _lastSignificantTokenType switch
    {
        BASIC_IDENTIFIER or EXTENDED_IDENTIFIER or RPAREN or RBRACKET or ALL => false,
        _ => true,
    };

    public override IToken NextToken()
    {
        var token = base.NextToken();
        if (token.Channel == TokenConstants.DefaultChannel)
        {
            _lastSignificantTokenType = token.Type;
        }

        return token;
    }

    public override void Reset()
    {
        base.Reset();
        _lastSignificantTokenType = TokenConstants.InvalidType;
    }
}
