using System.Collections.Immutable;
using Antlr4.Runtime;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Text;
using Hdl.Syntax.Verilog;

namespace Hdl.Syntax.Preprocessor;

/// <summary>
/// The state of one preprocessor run over a main file: the input stack (files and macro expansions),
/// the macro table, open conditionals and the keyword version stack. The main loop reads tokens from
/// the top frame, interprets directives and macro uses, and emits default-channel tokens for the parser.
/// Split over several files by concern: directives, macros, conditionals, includes.
/// </summary>
internal sealed partial class PreprocessorRun
{
    private readonly SourceText _main;
    private readonly PreprocessorOptions _options;
    private readonly IIncludeSource? _includeSource;
    private readonly CancellationToken _cancellationToken;

    private readonly List<HdlToken> _output;
    private readonly List<HdlToken> _comments = [];
    private readonly ImmutableArray<Diagnostic>.Builder _diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
    private readonly List<InputFrame> _frames = [];

    private readonly List<LanguageVersion> _versionStack = [];
    private LanguageVersion _version;
    private int _tokensSinceCancellationCheck;

    public PreprocessorRun(SourceText main, LanguageVersion version, PreprocessorOptions options, IIncludeSource? includeSource, CancellationToken cancellationToken)
    {
        _main = main;
        _version = version;
        _options = options;
        _includeSource = includeSource;
        _cancellationToken = cancellationToken;
        _output = new List<HdlToken>(main.Length / 6 + 16);
        _macroLookup = _macros.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public PreprocessorOutput Execute()
    {
        DefineFromOptions();
        var mainTokens = PreprocessorLexing.Lex(_main, _cancellationToken);
        _frames.Add(InputFrame.ForMainFile(_main, mainTokens));
        while (true)
        {
            var frame = _frames[^1];
            if (frame.IsAtEnd)
            {
                if (!frame.IsFile)
                {
                    PopFrame();
                    continue;
                }

                CloseConditionalsOfFile(frame);
                if (frame.IsMain)
                {
                    _output.Add(frame.Tokens[frame.End]);
                    break;
                }

                PopFrame();
                continue;
            }

            var token = frame.Tokens[frame.Position++];
            CheckCancellation();
            ProcessToken(frame, token);
        }

        return new PreprocessorOutput(
            _output,
            _comments,
            _diagnostics.ToImmutable(),
            new PreprocessorFacts(_includeFacts.ToImmutable(), _inactiveRegions.ToImmutable(), CollectMacroFacts()),
            _includeSites);
    }

    private void ProcessToken(InputFrame frame, HdlToken token)
    {
        if (token.Channel != TokenConstants.DefaultChannel)
        {
            ProcessTrivia(frame, token);
            return;
        }

        switch (token.Type)
        {
            case SystemVerilogLexer.DIRECTIVE:
            case SystemVerilogLexer.ESCAPED_DIRECTIVE:
                ProcessDirective(frame, token);
                return;
            case SystemVerilogLexer.ERROR_CHAR:
                Report(DiagnosticCatalog.UnexpectedCharacter, token, token.Text);
                return;
            case SystemVerilogLexer.UNTERMINATED_STRING:
                Report(DiagnosticCatalog.UnterminatedString, token);
                _output.Add(token.With(SystemVerilogLexer.STRING_LITERAL, token.Expansion));
                return;
            case SystemVerilogLexer.MACRO_QUOTE:
            case SystemVerilogLexer.MACRO_ESCAPED_QUOTE:
            case SystemVerilogLexer.MACRO_PASTE:
                Report(DiagnosticCatalog.MalformedDirective, token, $"'{token.Text}' is only meaningful inside a macro body");
                return;
            default:
                Emit(frame, token);
                return;
        }
    }

    /// <summary>Whitespace is dropped; comments of the main file are kept as trivia.</summary>
    private void ProcessTrivia(InputFrame frame, HdlToken token)
    {
        if (token.Type == SystemVerilogLexer.UNTERMINATED_BLOCK_COMMENT)
        {
            Report(DiagnosticCatalog.UnterminatedComment, token);
        }

        if (token.Channel == SystemVerilogLexer.COMMENTS && frame.IsMain)
        {
            _comments.Add(token);
        }
    }

    /// <summary>Hands a token to the parser, as an identifier when its keyword is not reserved in the current version.</summary>
    private void Emit(InputFrame frame, HdlToken token)
    {
        if (KeywordVersions.IsInactiveKeyword(token.Type, _version))
        {
            _output.Add(token.With(SystemVerilogLexer.SIMPLE_IDENTIFIER, token.Expansion));
            return;
        }

        TrackDesignElement(token.Type);
        _output.Add(frame.CopyOnEmit ? token.With(token.Type, token.Expansion) : token);
    }

    /// <summary>How many design elements (module, interface, ...) the emitted tokens are inside; `resetall needs it.</summary>
    private int _designElementDepth;

    private void TrackDesignElement(int type)
    {
        switch (type)
        {
            case SystemVerilogLexer.MODULE:
            case SystemVerilogLexer.MACROMODULE:
            case SystemVerilogLexer.PROGRAM:
            case SystemVerilogLexer.PACKAGE:
            case SystemVerilogLexer.PRIMITIVE:
            case SystemVerilogLexer.CHECKER:
            case SystemVerilogLexer.CONFIG:
                _designElementDepth++;
                return;
            case SystemVerilogLexer.INTERFACE when _output.Count == 0 || _output[^1].Type != SystemVerilogLexer.VIRTUAL:
                _designElementDepth++;
                return;
            case SystemVerilogLexer.CLASS when _output.Count > 0 && _output[^1].Type == SystemVerilogLexer.INTERFACE:
                // `interface class` is a class, not an interface.
                _designElementDepth = Math.Max(0, _designElementDepth - 1);
                return;
            case SystemVerilogLexer.ENDMODULE:
            case SystemVerilogLexer.ENDPROGRAM:
            case SystemVerilogLexer.ENDPACKAGE:
            case SystemVerilogLexer.ENDPRIMITIVE:
            case SystemVerilogLexer.ENDCHECKER:
            case SystemVerilogLexer.ENDCONFIG:
            case SystemVerilogLexer.ENDINTERFACE:
                _designElementDepth = Math.Max(0, _designElementDepth - 1);
                return;
        }
    }

    private void CheckCancellation()
    {
        if (++_tokensSinceCancellationCheck >= 4096)
        {
            _tokensSinceCancellationCheck = 0;
            _cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private void PopFrame() => _frames.RemoveAt(_frames.Count - 1);

    /// <summary>The innermost file being read (macro expansions lie above it on the stack).</summary>
    private InputFrame CurrentFileFrame()
    {
        for (var i = _frames.Count - 1; i >= 0; i--)
        {
            if (_frames[i].IsFile)
            {
                return _frames[i];
            }
        }

        return _frames[0];
    }

    private int FileDepth()
    {
        var depth = 0;
        foreach (var frame in _frames)
        {
            if (frame.IsFile)
            {
                depth++;
            }
        }

        return depth;
    }

    /// <summary>
    /// The next token, across the ends of macro expansions but never past the end of a file (null there).
    /// Comments of the main file are kept as they pass.
    /// </summary>
    private HdlToken? NextRaw()
    {
        while (true)
        {
            var frame = _frames[^1];
            if (!frame.IsAtEnd)
            {
                var token = frame.Tokens[frame.Position++];
                CheckCancellation();
                if (token.Channel == SystemVerilogLexer.COMMENTS && frame.IsMain)
                {
                    _comments.Add(token);
                }

                return token;
            }

            if (frame.IsFile)
            {
                return null;
            }

            PopFrame();
        }
    }

    /// <summary>The next default-channel token without consuming anything, looking through ended expansions; null at end of file.</summary>
    private HdlToken? PeekSignificant()
    {
        for (var f = _frames.Count - 1; f >= 0; f--)
        {
            var frame = _frames[f];
            for (var p = frame.Position; p < frame.End; p++)
            {
                var token = frame.Tokens[p];
                if (token.Channel == TokenConstants.DefaultChannel)
                {
                    return token;
                }
            }

            if (frame.IsFile)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The next operand of a directive on the same line of the top frame, skipping spaces and block comments;
    /// null (and nothing consumed) at a newline, a line comment or the end of the frame.
    /// </summary>
    private HdlToken? NextOperandOnLine(InputFrame frame)
    {
        while (true)
        {
            var token = frame.Peek();
            if (token is null)
            {
                return null;
            }

            switch (token.Type)
            {
                case SystemVerilogLexer.WHITESPACE:
                case SystemVerilogLexer.LINE_CONTINUATION:
                    frame.Position++;
                    continue;
                case SystemVerilogLexer.BLOCK_COMMENT:
                case SystemVerilogLexer.UNTERMINATED_BLOCK_COMMENT:
                    frame.Position++;
                    ProcessTrivia(frame, token);
                    continue;
                case SystemVerilogLexer.NEWLINE:
                case SystemVerilogLexer.LINE_COMMENT:
                    return null;
                default:
                    frame.Position++;
                    return token;
            }
        }
    }

    /// <summary>Skips what is left of a directive's line (a backslash-newline continues it).</summary>
    private void SkipRestOfLine(InputFrame frame)
    {
        while (frame.Peek() is { } token && token.Type != SystemVerilogLexer.NEWLINE)
        {
            frame.Position++;
            ProcessTrivia(frame, token);
        }
    }

    private void Report(DiagnosticDescriptor descriptor, HdlToken token, params string[] arguments) =>
        _diagnostics.Add(Diagnostic.Create(descriptor, LocationOf(token), arguments));

    private void Report(DiagnosticDescriptor descriptor, Location location, params string[] arguments) =>
        _diagnostics.Add(Diagnostic.Create(descriptor, location, arguments));

    /// <summary>
    /// Where a diagnostic about a token goes: its own place, or for macro output the outermost macro use,
    /// which is what the user wrote (the parser reports errors in macro output the same way).
    /// </summary>
    private static Location LocationOf(HdlToken token)
    {
        var outermost = token.Expansion;
        while (outermost?.Parent is not null)
        {
            outermost = outermost.Parent;
        }

        return outermost?.CallSite ?? token.File.GetLocation(token.Span);
    }

    /// <summary>
    /// The range from one token to another where they lie (for a call site in a macro body: in the body), when
    /// both are in the same file in order; else the first token's own range.
    /// </summary>
    private static Location SpanOf(HdlToken first, HdlToken last)
    {
        if (ReferenceEquals(first.File, last.File) && last.StopIndex >= first.StartIndex && first.StartIndex >= 0)
        {
            return first.File.GetLocation(TextSpan.FromBounds(first.StartIndex, last.StopIndex + 1));
        }

        return first.File.GetLocation(first.Span);
    }

    /// <summary>Like <see cref="SpanOf"/>, but for macro output the outermost macro use (what the user wrote).</summary>
    private static Location LocationOf(HdlToken first, HdlToken last) =>
        first.Expansion is null ? SpanOf(first, last) : LocationOf(first);
}
