using System.Globalization;
using System.Text;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Text;
using Hdl.Syntax.Verilog;

namespace Hdl.Syntax.Preprocessor;

/// <summary>
/// Macro uses: argument collection, substitution of actuals, `` pasting and `" stringification. The result
/// is pushed as a new input frame and read again, so macros and directives in it are processed in turn.
/// </summary>
internal sealed partial class PreprocessorRun
{
    /// <summary>Nesting of macros inside stringification expanded for its text, beyond which the text stays as written.</summary>
    private const int MaxStringifyDepth = 32;

    private long _expandedTokens;
    private bool _expansionLimitReported;

    private void ProcessMacroUse(InputFrame frame, HdlToken directive)
    {
        var name = directive.Text.AsSpan(1);
        if (!_macroLookup.TryGetValue(name, out var macro))
        {
            Report(DiagnosticCatalog.UndefinedMacro, directive, name.ToString());
            Emit(frame, directive);
            PassThroughArguments();
            return;
        }

        if (IsRecursive(directive.Expansion, macro.Name, out var depth))
        {
            Report(DiagnosticCatalog.RecursiveMacro, directive, macro.Name);
            DropArguments(macro);
            return;
        }

        if (depth >= _options.MaxMacroDepth || _expandedTokens > _options.MaxExpandedTokens)
        {
            if (!_expansionLimitReported)
            {
                _expansionLimitReported = true;
                Report(DiagnosticCatalog.MacroExpansionLimit, directive, macro.Name);
            }

            DropArguments(macro);
            return;
        }

        List<List<HdlToken>>? actuals = null;
        var last = directive;
        if (macro.Formals is not null)
        {
            if (PeekSignificant() is not { Type: SystemVerilogLexer.LPAREN })
            {
                Report(DiagnosticCatalog.MacroArgumentMismatch, directive, $"macro '{macro.Name}' takes arguments in parentheses");
                Emit(frame, directive);
                return;
            }

            actuals = CollectArguments(directive, out last);
            CheckArgumentCount(macro, actuals, directive);
        }

        var expansion = new MacroExpansion(macro.Name, SpanOf(directive, last), directive.Expansion);
        var tokens = Substitute(macro, actuals, expansion);
        _expandedTokens += tokens.Count;
        _frames.Add(InputFrame.ForExpansion(tokens));
    }

    /// <summary>True when the use lies inside an expansion of the same macro; depth is the chain's length.</summary>
    private static bool IsRecursive(MacroExpansion? chain, string name, out int depth)
    {
        depth = 0;
        for (var expansion = chain; expansion is not null; expansion = expansion.Parent)
        {
            depth++;
            if (expansion.MacroName == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Skips the argument list of a use that is not expanded, so its tokens do not leak into the output.</summary>
    private void DropArguments(MacroDef macro)
    {
        if (macro.Formals is not null && PeekSignificant() is { Type: SystemVerilogLexer.LPAREN })
        {
            CollectArguments(null, out _);
        }
    }

    /// <summary>
    /// An undefined macro reaches the parser unchanged, with its parenthesised arguments (if any), so a file
    /// that uses macros defined elsewhere still parses (the grammar's macro_usage).
    /// </summary>
    private void PassThroughArguments()
    {
        if (PeekSignificant() is not { Type: SystemVerilogLexer.LPAREN })
        {
            return;
        }

        var depth = 0;
        while (NextRaw() is { } token)
        {
            if (token.Channel != Antlr4.Runtime.TokenConstants.DefaultChannel)
            {
                if (token.Type == SystemVerilogLexer.UNTERMINATED_BLOCK_COMMENT)
                {
                    Report(DiagnosticCatalog.UnterminatedComment, token);
                }

                continue;
            }

            var frame = _frames[^1];
            switch (token.Type)
            {
                case SystemVerilogLexer.ERROR_CHAR:
                    Report(DiagnosticCatalog.UnexpectedCharacter, token, token.Text);
                    continue;
                case SystemVerilogLexer.UNTERMINATED_STRING:
                    Report(DiagnosticCatalog.UnterminatedString, token);
                    _output.Add(token.With(SystemVerilogLexer.STRING_LITERAL, token.Expansion));
                    continue;
            }

            Emit(frame, token);
            if (Tokens.IsOpening(token.Type))
            {
                depth++;
            }
            else if (Tokens.IsClosing(token.Type) && --depth <= 0)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Reads `( actual, actual, ... )`: commas split only outside (), [] and {}; strings are single tokens.
    /// Each actual keeps its inner whitespace (for stringification) and is trimmed at both ends.
    /// </summary>
    private List<List<HdlToken>> CollectArguments(HdlToken? directive, out HdlToken last)
    {
        var actuals = new List<List<HdlToken>>();
        var current = new List<HdlToken>();
        HdlToken? open = null;
        while (NextRaw() is { } token)
        {
            if (token.Type == SystemVerilogLexer.LPAREN)
            {
                open = token;
                break;
            }
        }

        last = open ?? directive!;
        var depth = 0;
        var closed = false;
        while (NextRaw() is { } token)
        {
            last = token;
            if (token.Channel == SystemVerilogLexer.COMMENTS)
            {
                continue;
            }

            if (depth == 0 && token.Type == SystemVerilogLexer.RPAREN)
            {
                closed = true;
                break;
            }

            if (depth == 0 && token.Type == SystemVerilogLexer.COMMA)
            {
                actuals.Add(Trim(current));
                current = new List<HdlToken>();
                continue;
            }

            if (Tokens.IsOpening(token.Type))
            {
                depth++;
            }
            else if (Tokens.IsClosing(token.Type) && depth > 0)
            {
                depth--;
            }

            current.Add(token);
        }

        actuals.Add(Trim(current));
        if (!closed && directive is not null)
        {
            Report(DiagnosticCatalog.MacroArgumentMismatch, directive, $"the arguments of macro '{directive.Text[1..]}' are not closed with ')'");
        }

        return actuals;
    }

    private static List<HdlToken> Trim(List<HdlToken> tokens)
    {
        var end = tokens.Count;
        while (end > 0 && MacroDef.IsWhitespace(tokens[end - 1]))
        {
            end--;
        }

        var start = 0;
        while (start < end && MacroDef.IsWhitespace(tokens[start]))
        {
            start++;
        }

        if (start == 0 && end == tokens.Count)
        {
            return tokens;
        }

        return tokens.GetRange(start, end - start);
    }

    private void CheckArgumentCount(MacroDef macro, List<List<HdlToken>> actuals, HdlToken directive)
    {
        var formals = macro.Formals!;
        var given = actuals.Count == 1 && actuals[0].Count == 0 && formals.Length == 0 ? 0 : actuals.Count;
        if (given > formals.Length)
        {
            Report(
                DiagnosticCatalog.MacroArgumentMismatch,
                directive,
                $"macro '{macro.Name}' takes {formals.Length.ToString(CultureInfo.InvariantCulture)} argument(s) but {given.ToString(CultureInfo.InvariantCulture)} are given");
            return;
        }

        for (var i = given; i < formals.Length; i++)
        {
            if (formals[i].DefaultTokens is null)
            {
                Report(DiagnosticCatalog.MacroArgumentMismatch, directive, $"argument '{formals[i].Name}' of macro '{macro.Name}' is missing and has no default");
                return;
            }
        }
    }

    /// <summary>
    /// The macro body with actuals substituted. Body tokens are copied with the expansion; actual tokens keep
    /// their own position and chain (they were written at the use); default tokens count as body tokens.
    /// </summary>
    private List<HdlToken> Substitute(MacroDef macro, List<List<HdlToken>>? actuals, MacroExpansion expansion)
    {
        var body = macro.Body;
        var output = new List<HdlToken>(body.Length + 4);
        HdlToken? paste = null;
        for (var i = 0; i < body.Length; i++)
        {
            var token = body[i];
            var formal = macro.FormalIndexOfBodyToken is null ? -1 : macro.FormalIndexOfBodyToken[i];
            if (formal >= 0)
            {
                var actual = ActualFor(macro, actuals, formal, out var isDefault);
                foreach (var argumentToken in actual)
                {
                    if (MacroDef.IsWhitespace(argumentToken))
                    {
                        // Kept in actuals for stringification only.
                        continue;
                    }

                    var copy = argumentToken.With(argumentToken.Type, isDefault ? expansion : argumentToken.Expansion);
                    Append(output, copy, ref paste, expansion);
                }

                continue;
            }

            switch (token.Type)
            {
                case SystemVerilogLexer.MACRO_PASTE:
                    // `` glues only a token that touches it: in `covergroup ``NAME``_cg` (riscv-dv) the space
                    // before it stays and the keyword is not glued to the name, as in every simulator.
                    paste = output.Count > 0 && !MacroDef.IsWhitespace(output[^1]) ? token : null;
                    while (output.Count > 0 && MacroDef.IsWhitespace(output[^1]))
                    {
                        output.RemoveAt(output.Count - 1);
                    }

                    continue;
                case SystemVerilogLexer.MACRO_QUOTE:
                    i = Stringify(macro, actuals, i, expansion, out var stringToken);
                    Append(output, stringToken, ref paste, expansion);
                    continue;
                default:
                    Append(output, MacroDef.IsWhitespace(token) ? token : token.With(token.Type, expansion), ref paste, expansion);
                    continue;
            }
        }

        RemovePastedComments(output);
        JoinSplitBasedNumbers(output);
        return output;
    }

    /// <summary>
    /// `coverpoint BITS[IDXW 'b BIN_IDX]` (OpenTitan's otbn coverage): the body holds a base with no value and the
    /// value comes from an argument, so base and value are joined into one number again, as a preprocessor working
    /// on text would lex them.
    /// </summary>
    private void JoinSplitBasedNumbers(List<HdlToken> output)
    {
        for (var i = 0; i + 2 < output.Count; i++)
        {
            if (output[i].Type != SystemVerilogLexer.APOSTROPHE || !IsBaseLetter(output[i + 1].Text))
            {
                continue;
            }

            var value = i + 2;
            while (value < output.Count && MacroDef.IsWhitespace(output[value]))
            {
                value++;
            }

            if (value == output.Count)
            {
                return;
            }

            var pieces = RelexPieces(output[i].Text + output[i + 1].Text + output[value].Text);
            if (pieces is not [{ Type: SystemVerilogLexer.BASED_NUMBER } number])
            {
                continue;
            }

            var apostrophe = output[i];
            output[i] = HdlToken.Synthesized(number.Type, number.Text, apostrophe.File, apostrophe.Span, new LinePosition(apostrophe.Line - 1, apostrophe.Column), apostrophe.Expansion);
            output.RemoveRange(i + 1, value - i);
        }
    }

    private static bool IsBaseLetter(string text) => text switch
    {
        [var letter] => "bBoOdDhH".Contains(letter, StringComparison.Ordinal),
        ['s' or 'S', var letter] => "bBoOdDhH".Contains(letter, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>
    /// Some libraries build a synthesis pragma comment with pastes, `/``* ... *``/` (common_cells' FFLARNC):
    /// the pasted `/*` opens a comment that the pasted `*/` closes, and everything between is comment text.
    /// </summary>
    private static void RemovePastedComments(List<HdlToken> output)
    {
        var open = output.FindIndex(token => token.Type == PastedCommentOpen);
        while (open >= 0)
        {
            var close = open + 1;
            while (close + 1 < output.Count && !IsPastedCommentClose(output[close], output[close + 1]))
            {
                close++;
            }

            var removeCount = close + 1 < output.Count ? close + 2 - open : output.Count - open;
            output.RemoveRange(open, removeCount);
            open = output.FindIndex(open, token => token.Type == PastedCommentOpen);
        }
    }

    /// <summary>The `*` and `/` that one paste made (same place in the body) close a pasted comment.</summary>
    private static bool IsPastedCommentClose(HdlToken star, HdlToken slash) =>
        star.Type == SystemVerilogLexer.STAR && slash.Type == SystemVerilogLexer.SLASH
        && star.StartIndex == slash.StartIndex && ReferenceEquals(star.File, slash.File);

    private static IReadOnlyList<HdlToken> ActualFor(MacroDef macro, List<List<HdlToken>>? actuals, int formal, out bool isDefault)
    {
        isDefault = false;
        if (actuals is not null && formal < actuals.Count && actuals[formal].Count > 0)
        {
            return actuals[formal];
        }

        var defaultTokens = macro.Formals![formal].DefaultTokens;
        if (defaultTokens is not null)
        {
            isDefault = true;
            return defaultTokens;
        }

        return [];
    }

    /// <summary>Adds a token to an expansion; after `` it is glued to the previous token and the text lexed again.</summary>
    /// <remarks>The glued token lies at the `` in the body: that is where its text was made.</remarks>
    private void Append(List<HdlToken> output, HdlToken token, ref HdlToken? paste, MacroExpansion expansion)
    {
        if (paste is null)
        {
            output.Add(token);
            return;
        }

        if (MacroDef.IsWhitespace(token))
        {
            return;
        }

        var left = output[^1];
        output.RemoveAt(output.Count - 1);
        var position = new LinePosition(paste.Line - 1, paste.Column);
        foreach (var piece in RelexPieces(left.Text + token.Text))
        {
            output.Add(HdlToken.Synthesized(piece.Type, piece.Text, paste.File, paste.Span, position, expansion));
        }

        paste = null;
    }

    /// <summary>
    /// `"...`" becomes one string literal: actuals substituted, `\`" an escaped quote, `` nothing, and macros
    /// without arguments expanded for their text. Returns the index of the closing `".
    /// </summary>
    private int Stringify(MacroDef macro, List<List<HdlToken>>? actuals, int open, MacroExpansion expansion, out HdlToken stringToken)
    {
        var body = macro.Body;
        var text = new StringBuilder("\"");
        var close = open + 1;
        for (; close < body.Length; close++)
        {
            var token = body[close];
            if (token.Type == SystemVerilogLexer.MACRO_QUOTE)
            {
                break;
            }

            var formal = macro.FormalIndexOfBodyToken is null ? -1 : macro.FormalIndexOfBodyToken[close];
            if (formal >= 0)
            {
                foreach (var argumentToken in ActualFor(macro, actuals, formal, out _))
                {
                    AppendStringText(text, argumentToken, 0);
                }

                continue;
            }

            AppendStringText(text, token, 0);
        }

        text.Append('"');
        var openToken = body[open];
        var closeToken = close < body.Length ? body[close] : body[^1];
        var span = ReferenceEquals(openToken.File, closeToken.File) && closeToken.StopIndex >= openToken.StartIndex
            ? TextSpan.FromBounds(openToken.StartIndex, closeToken.StopIndex + 1)
            : openToken.Span;
        stringToken = HdlToken.Synthesized(SystemVerilogLexer.STRING_LITERAL, text.ToString(), openToken.File, span, new LinePosition(openToken.Line - 1, openToken.Column), expansion);
        return close;
    }

    private void AppendStringText(StringBuilder text, HdlToken token, int depth)
    {
        switch (token.Type)
        {
            case SystemVerilogLexer.MACRO_ESCAPED_QUOTE:
                text.Append("\\\"");
                return;
            case SystemVerilogLexer.MACRO_PASTE:
                return;
            case SystemVerilogLexer.LINE_CONTINUATION:
            case SystemVerilogLexer.NEWLINE:
                text.Append(' ');
                return;
            case SystemVerilogLexer.DIRECTIVE when depth < MaxStringifyDepth
                && CompilerDirectives.Find(token.Text.AsSpan(1)) == DirectiveKind.None
                && _macroLookup.TryGetValue(token.Text.AsSpan(1), out var inner)
                && inner.Formals is null:
                foreach (var innerToken in inner.Body)
                {
                    AppendStringText(text, innerToken, depth + 1);
                }

                return;
            default:
                text.Append(token.Text);
                return;
        }
    }
}
