using System.Collections.Immutable;
using Antlr4.Runtime;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Text;
using Hdl.Syntax.Verilog;

namespace Hdl.Syntax.Preprocessor;

/// <summary>`define, the macro table and macros from the options (IEEE 1800-2017 §22.5.1).</summary>
internal sealed partial class PreprocessorRun
{
    private const string CommandLinePath = "<command-line>";

    private readonly Dictionary<string, MacroDef> _macros = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MacroDef>.AlternateLookup<ReadOnlySpan<char>> _macroLookup;

    /// <summary>Where a macro definition comes from; built-in ones are neither facts of the file nor warned about when redefined.</summary>
    private enum MacroOrigin
    {
        Source,
        Options,
        BuiltIn,
    }

    /// <summary>The coverage control macros every SystemVerilog tool predefines (IEEE 1800-2017 §20.14).</summary>
    private const string BuiltInMacros =
        "`define SV_COV_START 0\n`define SV_COV_STOP 1\n`define SV_COV_RESET 2\n`define SV_COV_CHECK 3\n" +
        "`define SV_COV_MODULE 10\n`define SV_COV_HIER 11\n`define SV_COV_ASSERTION 20\n`define SV_COV_FSM_STATE 21\n" +
        "`define SV_COV_STATEMENT 22\n`define SV_COV_TOGGLE 23\n`define SV_COV_OVERFLOW -2\n`define SV_COV_ERROR -1\n" +
        "`define SV_COV_NOCOV 0\n`define SV_COV_OK 1\n`define SV_COV_PARTIAL 2\n";

    /// <summary>Built-in macros, then defines from the options, each read as if it were a `define line of its own.</summary>
    private void DefineFromOptions()
    {
        var builtIns = InputFrame.ForExpansion(PreprocessorLexing.Lex(SourceText.From("<built-in>", BuiltInMacros), _cancellationToken));
        while (!builtIns.IsAtEnd)
        {
            var token = builtIns.Tokens[builtIns.Position++];
            if (token.Type == SystemVerilogLexer.DIRECTIVE)
            {
                ReadDefine(builtIns, token, MacroOrigin.BuiltIn);
            }
        }

        foreach (var define in _options.Defines)
        {
            if (string.IsNullOrWhiteSpace(define.Name))
            {
                continue;
            }

            // A value may span lines; continuations keep it one `define.
            var value = define.Value?.Replace("\n", "\\\n", StringComparison.Ordinal) ?? string.Empty;
            // The newline ends the body as it ends a `define line; without it the file's end of file joined the body.
            var text = SourceText.From(CommandLinePath, "`define " + define.Name + " " + value + "\n");
            var tokens = PreprocessorLexing.Lex(text, _cancellationToken);
            var frame = InputFrame.ForExpansion(tokens);
            frame.Position = 1;
            ReadDefine(frame, tokens[0], MacroOrigin.Options);
        }
    }

    private void ProcessDefine(InputFrame frame, HdlToken directive) => ReadDefine(frame, directive, MacroOrigin.Source);

    private void ReadDefine(InputFrame frame, HdlToken directive, MacroOrigin origin)
    {
        var nameToken = NextOperandOnLine(frame);
        if (nameToken is null || !Tokens.IsIdentifierLike(nameToken.Type))
        {
            Report(DiagnosticCatalog.MalformedDirective, directive, "`define needs a macro name");
            if (nameToken is not null)
            {
                SkipDefineBody(frame);
            }

            return;
        }

        var name = nameToken.Text;
        if (CompilerDirectives.IsDirectiveName(name))
        {
            Report(DiagnosticCatalog.MacroNamesDirective, nameToken, name);
            SkipDefineBody(frame);
            return;
        }

        MacroFormal[]? formals = null;
        if (frame.Peek() is { Type: SystemVerilogLexer.LPAREN })
        {
            // Formals only when '(' follows the name with no space: `define M (x) has the body "(x)".
            frame.Position++;
            formals = ReadFormals(frame, directive);
            if (formals is null)
            {
                SkipDefineBody(frame);
                return;
            }
        }

        var body = ReadDefineBody(frame, out var bodyText);
        var definition = new MacroDef(name, origin == MacroOrigin.Source ? nameToken : null, formals, body, bodyText)
        {
            IsBuiltIn = origin == MacroOrigin.BuiltIn,
        };
        if (_macros.TryGetValue(name, out var previous) && !previous.IsBuiltIn && !previous.IsSameAs(definition))
        {
            Report(DiagnosticCatalog.MacroRedefined, nameToken, name);
        }

        _macros[name] = definition;
    }

    /// <summary>Reads `name(a, b = default, ...)` after the '('; null (reported) when malformed.</summary>
    private MacroFormal[]? ReadFormals(InputFrame frame, HdlToken directive)
    {
        var formals = new List<MacroFormal>();
        var first = true;
        while (true)
        {
            var token = NextOperandOnLine(frame);
            if (first && token is { Type: SystemVerilogLexer.RPAREN })
            {
                return [];
            }

            first = false;
            if (token is null || !Tokens.IsIdentifierLike(token.Type))
            {
                Report(DiagnosticCatalog.MalformedDirective, token ?? directive, "a macro's formal arguments must be names, such as `define M(a, b = 1)");
                return null;
            }

            HdlToken[]? defaultTokens = null;
            var next = NextOperandOnLine(frame);
            if (next is { Type: SystemVerilogLexer.EQUALS })
            {
                defaultTokens = ReadFormalDefault(frame, out next);
            }

            formals.Add(new MacroFormal(token.Text, defaultTokens));
            if (next is { Type: SystemVerilogLexer.RPAREN })
            {
                return [.. formals];
            }

            if (next is not { Type: SystemVerilogLexer.COMMA })
            {
                Report(DiagnosticCatalog.MalformedDirective, next ?? directive, "expected ',' or ')' in a macro's formal arguments");
                return null;
            }
        }
    }

    /// <summary>The default text of a formal: tokens up to a ',' or ')' outside brackets, which is returned in terminator.</summary>
    private HdlToken[] ReadFormalDefault(InputFrame frame, out HdlToken? terminator)
    {
        var tokens = new List<HdlToken>();
        var depth = 0;
        while (true)
        {
            var token = NextOperandOnLine(frame);
            if (token is null || (depth == 0 && token.Type is SystemVerilogLexer.COMMA or SystemVerilogLexer.RPAREN))
            {
                terminator = token;
                return [.. tokens];
            }

            if (Tokens.IsOpening(token.Type))
            {
                depth++;
            }
            else if (Tokens.IsClosing(token.Type) && depth > 0)
            {
                depth--;
            }

            AddSpaceBetween(tokens, token);
            tokens.Add(token);
        }
    }

    /// <summary>Keeps the source's spacing between default tokens so a stringified default reads as written.</summary>
    private static void AddSpaceBetween(List<HdlToken> tokens, HdlToken next)
    {
        if (tokens.Count == 0)
        {
            return;
        }

        var previous = tokens[^1];
        if (ReferenceEquals(previous.File, next.File) && next.StartIndex > previous.StopIndex + 1)
        {
            tokens.Add(HdlToken.Synthesized(SystemVerilogLexer.WHITESPACE, " ", previous.File, new TextSpan(previous.StopIndex + 1, 0), default, null));
        }
    }

    /// <summary>
    /// The macro text: the rest of the line, continued by backslash-newline. A // comment ends it (unless the
    /// comment itself ends with a backslash); /* */ comments are dropped and may span lines.
    /// </summary>
    private HdlToken[] ReadDefineBody(InputFrame frame, out string sourceText)
    {
        var body = new List<HdlToken>();
        while (frame.Peek() is { } token)
        {
            if (token.Type == SystemVerilogLexer.NEWLINE)
            {
                break;
            }

            frame.Position++;
            switch (token.Type)
            {
                case SystemVerilogLexer.LINE_COMMENT:
                    ProcessTrivia(frame, token);
                    if (token.Text.EndsWith('\\') && frame.Peek() is { Type: SystemVerilogLexer.NEWLINE })
                    {
                        frame.Position++;
                        continue;
                    }

                    goto done;
                case SystemVerilogLexer.BLOCK_COMMENT:
                case SystemVerilogLexer.UNTERMINATED_BLOCK_COMMENT:
                    ProcessTrivia(frame, token);
                    continue;
                case SystemVerilogLexer.ERROR_CHAR:
                    Report(DiagnosticCatalog.UnexpectedCharacter, token, token.Text);
                    continue;
                case SystemVerilogLexer.UNTERMINATED_STRING:
                    Report(DiagnosticCatalog.UnterminatedString, token);
                    body.Add(token.With(SystemVerilogLexer.STRING_LITERAL, token.Expansion));
                    continue;
                default:
                    body.Add(token);
                    continue;
            }
        }

    done:
        var start = 0;
        var end = body.Count;
        while (start < end && MacroDef.IsWhitespace(body[start]))
        {
            start++;
        }

        while (end > start && MacroDef.IsWhitespace(body[end - 1]))
        {
            end--;
        }

        // Spaces matter only inside `"...`" (they are part of the string); elsewhere dropping them saves
        // copying and reading them at every use. The text as written stays available for the facts.
        sourceText = BodyText(body, start, end);
        var kept = new List<HdlToken>(end - start);
        var inString = false;
        for (var i = start; i < end; i++)
        {
            var token = body[i];
            if (token.Type == SystemVerilogLexer.MACRO_QUOTE)
            {
                inString = !inString;
            }

            // A space before `` is kept as a marker: the paste then glues nothing on its left (see Substitute).
            if (inString || !MacroDef.IsWhitespace(token) || body[i + 1].Type == SystemVerilogLexer.MACRO_PASTE)
            {
                kept.Add(token);
            }
        }

        return [.. kept];
    }

    /// <summary>The body as written: the file's text when the body lies in one file, else the token texts.</summary>
    private static string BodyText(List<HdlToken> body, int start, int end)
    {
        if (start >= end)
        {
            return string.Empty;
        }

        var first = body[start];
        var last = body[end - 1];
        if (first.Expansion is null && ReferenceEquals(first.File, last.File) && first.StartIndex >= 0 && last.StopIndex >= first.StartIndex)
        {
            return first.File.Text[first.StartIndex..(last.StopIndex + 1)];
        }

        return MacroDef.TextOf(body.GetRange(start, end - start));
    }

    private void SkipDefineBody(InputFrame frame) => ReadDefineBody(frame, out _);

    private ImmutableArray<MacroDefinition> CollectMacroFacts()
    {
        var names = new List<string>(_macros.Count);
        foreach (var (name, macro) in _macros)
        {
            if (!macro.IsBuiltIn)
            {
                names.Add(name);
            }
        }

        names.Sort(StringComparer.Ordinal);
        var builder = ImmutableArray.CreateBuilder<MacroDefinition>(names.Count);
        foreach (var name in names)
        {
            builder.Add(_macros[name].ToDefinition());
        }

        return builder.MoveToImmutable();
    }

    /// <summary>The type given to a pasted `/*` whose `*/` a later paste of the same expansion makes.</summary>
    private const int PastedCommentOpen = -100;

    /// <summary>A token of re-lexed text: its type and text.</summary>
    private readonly record struct RelexedPiece(int Type, string Text);

    private readonly Dictionary<string, RelexedPiece[]> _relexCache = new(StringComparer.Ordinal);

    /// <summary>The default-channel tokens of pasted text, cached per run (the same pastes recur in every use of a macro).</summary>
    private RelexedPiece[] RelexPieces(string text)
    {
        if (_relexCache.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var lexed = PreprocessorLexing.Lex(SourceText.From("<paste>", text), _cancellationToken);
        var pieces = new List<RelexedPiece>(lexed.Count);
        foreach (var token in lexed)
        {
            if (token.Type != TokenConstants.EOF && token.Channel == TokenConstants.DefaultChannel)
            {
                pieces.Add(new RelexedPiece(token.Type, token.Text));
            }
            else if (token.Type == SystemVerilogLexer.UNTERMINATED_BLOCK_COMMENT)
            {
                pieces.Add(new RelexedPiece(PastedCommentOpen, token.Text));
            }
        }

        cached = [.. pieces];
        _relexCache[text] = cached;
        return cached;
    }
}
