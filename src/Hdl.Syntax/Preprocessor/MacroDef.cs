using System.Collections.Immutable;
using System.Text;
using Hdl.Syntax.Verilog;

namespace Hdl.Syntax.Preprocessor;

/// <summary>A formal argument of a macro: its name and, when it has one, the default text as tokens.</summary>
internal sealed record MacroFormal(string Name, HdlToken[]? DefaultTokens);

/// <summary>
/// A macro as the preprocessor stores it: body tokens (whitespace kept, for stringification; comments
/// removed) and, per body token, the index of the formal argument it names, so expansion does no lookups.
/// </summary>
internal sealed class MacroDef
{
    public MacroDef(string name, HdlToken? nameToken, MacroFormal[]? formals, HdlToken[] body, string bodyText)
    {
        Name = name;
        BodyText = bodyText;
        NameToken = nameToken;
        Formals = formals;
        Body = body;
        FormalIndexOfBodyToken = IndexFormals(formals, body);
    }

    public string Name { get; }

    /// <summary>Predefined by the language (IEEE 1800-2017 §20.14), not by the file or the options.</summary>
    public bool IsBuiltIn { get; init; }

    /// <summary>The name in the `define; null for macros defined through <see cref="PreprocessorOptions.Defines"/>.</summary>
    public HdlToken? NameToken { get; }

    /// <summary>Null for a macro without parentheses; empty for `define M() ...</summary>
    public MacroFormal[]? Formals { get; }

    /// <summary>Body tokens without the spaces between them (except inside `"...`", where they are text).</summary>
    public HdlToken[] Body { get; }

    /// <summary>The body as written, for editors.</summary>
    public string BodyText { get; }

    /// <summary>Null when the macro has no formals; otherwise -1 or the formal's index for each body token.</summary>
    public int[]? FormalIndexOfBodyToken { get; }

    /// <summary>True when both definitions have the same formals and the same body tokens (whitespace aside).</summary>
    public bool IsSameAs(MacroDef other)
    {
        if ((Formals is null) != (other.Formals is null) || (Formals is not null && Formals.Length != other.Formals!.Length))
        {
            return false;
        }

        if (Formals is not null)
        {
            for (var i = 0; i < Formals.Length; i++)
            {
                if (Formals[i].Name != other.Formals![i].Name)
                {
                    return false;
                }
            }
        }

        int left = 0, right = 0;
        while (true)
        {
            left = SkipWhitespace(Body, left);
            right = SkipWhitespace(other.Body, right);
            if (left == Body.Length || right == other.Body.Length)
            {
                return left == Body.Length && right == other.Body.Length;
            }

            if (Body[left].Text != other.Body[right].Text)
            {
                return false;
            }

            left++;
            right++;
        }
    }

    /// <summary>The public, immutable description used by editors (hover, completion).</summary>
    public MacroDefinition ToDefinition()
    {
        ImmutableArray<string>? parameters = null;
        if (Formals is not null)
        {
            var builder = ImmutableArray.CreateBuilder<string>(Formals.Length);
            foreach (var formal in Formals)
            {
                builder.Add(formal.DefaultTokens is null ? formal.Name : formal.Name + "=" + TextOf(formal.DefaultTokens));
            }

            parameters = builder.MoveToImmutable();
        }

        var definedAt = NameToken is null ? (Text.Location?)null : NameToken.File.GetLocation(NameToken.Span);
        return new MacroDefinition(Name, parameters, BodyText, definedAt);
    }

    public static bool IsWhitespace(HdlToken token) =>
        token.Type is SystemVerilogLexer.WHITESPACE or SystemVerilogLexer.LINE_CONTINUATION or SystemVerilogLexer.NEWLINE;

    public static string TextOf(IReadOnlyList<HdlToken> tokens)
    {
        var builder = new StringBuilder();
        foreach (var token in tokens)
        {
            builder.Append(token.Text);
        }

        return builder.ToString();
    }

    private static int SkipWhitespace(HdlToken[] tokens, int index)
    {
        while (index < tokens.Length && IsWhitespace(tokens[index]))
        {
            index++;
        }

        return index;
    }

    private static int[]? IndexFormals(MacroFormal[]? formals, HdlToken[] body)
    {
        if (formals is null || formals.Length == 0)
        {
            return null;
        }

        var indexes = new int[body.Length];
        for (var i = 0; i < body.Length; i++)
        {
            indexes[i] = -1;
            var token = body[i];
            if (!Tokens.IsIdentifierLike(token.Type))
            {
                continue;
            }

            for (var f = 0; f < formals.Length; f++)
            {
                if (formals[f].Name == token.Text)
                {
                    indexes[i] = f;
                    break;
                }
            }
        }

        return indexes;
    }
}

/// <summary>Token classes the preprocessor asks about.</summary>
internal static class Tokens
{
    /// <summary>A name: an identifier, or a keyword (a keyword of another version may name a macro or formal).</summary>
    public static bool IsIdentifierLike(int type) =>
        type is SystemVerilogLexer.SIMPLE_IDENTIFIER or SystemVerilogLexer.ESCAPED_IDENTIFIER || KeywordVersions.IsKeyword(type);

    public static bool IsOpening(int type) =>
        type is SystemVerilogLexer.LPAREN or SystemVerilogLexer.LBRACKET or SystemVerilogLexer.LBRACE
            or SystemVerilogLexer.APOSTROPHE_LBRACE or SystemVerilogLexer.ATTR_START;

    public static bool IsClosing(int type) =>
        type is SystemVerilogLexer.RPAREN or SystemVerilogLexer.RBRACKET or SystemVerilogLexer.RBRACE or SystemVerilogLexer.ATTR_END;
}
