using System.Collections.Immutable;
using System.Text;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Text;
using Hdl.Syntax.Verilog;

namespace Hdl.Syntax.Preprocessor;

/// <summary>
/// `include "file" and `include &lt;file&gt; (IEEE 1800-2017 §22.4). Files come through <see cref="IIncludeSource"/>;
/// each is resolved and lexed once per run, and a guarded header whose guard is defined is not read again.
/// </summary>
internal sealed partial class PreprocessorRun
{
    private readonly Dictionary<string, SourceText?> _resolved = new(StringComparer.Ordinal);
    private readonly ImmutableArray<IncludeDirective>.Builder _includeFacts = ImmutableArray.CreateBuilder<IncludeDirective>();
    private readonly Dictionary<string, TextSpan> _includeSites = new(StringComparer.Ordinal);

    /// <summary>
    /// An include file's tokens and its include guard (`ifndef G `define G ... `endif), if it has one. Made once
    /// per <see cref="SourceText"/> and shared by all runs, so the tokens are never handed out themselves: an
    /// include frame copies each token it emits.
    /// </summary>
    private sealed class IncludedFile(List<HdlToken> tokens, string? guard)
    {
        public List<HdlToken> Tokens { get; } = tokens;

        public string? Guard { get; } = guard;
    }

    private void ProcessInclude(InputFrame frame, HdlToken directive)
    {
        var nameToken = NextOperandOnLine(frame);

        // `include `FILE_MACRO: the macro is expanded and the name read from its text.
        for (var guard = 0; guard < 8 && nameToken is { Type: SystemVerilogLexer.DIRECTIVE } && CompilerDirectives.Find(nameToken.Text.AsSpan(1)) == DirectiveKind.None; guard++)
        {
            if (!_macroLookup.ContainsKey(nameToken.Text.AsSpan(1)))
            {
                // The file name comes from a macro this file cannot see: unresolved, not malformed.
                Report(DiagnosticCatalog.UndefinedMacro, nameToken, nameToken.Text[1..]);
                SkipRestOfLine(frame);
                return;
            }

            ProcessMacroUse(frame, nameToken);
            frame = _frames[^1];
            nameToken = NextOperandOnLine(frame);
        }

        string? name = null;
        var last = nameToken;
        if (nameToken is { Type: SystemVerilogLexer.STRING_LITERAL } && nameToken.Text.Length >= 2)
        {
            name = nameToken.Text[1..^1];
        }
        else if (nameToken is { Type: SystemVerilogLexer.LT })
        {
            name = ReadAngleBracketName(frame, out last);
        }

        if (string.IsNullOrEmpty(name) || last is null)
        {
            Report(DiagnosticCatalog.MalformedDirective, directive, "`include needs a file name in double quotes or angle brackets");
            SkipRestOfLine(frame);
            return;
        }

        // Text after the file name stays: 1800-2017 §22.4 allows only a comment there, but code such as
        // `#(`include "pll.vh")` is common, and every simulator reads it as if the file were pasted in.
        var location = LocationOf(directive, last);
        var includingFile = CurrentFileFrame();
        var resolved = Resolve(name, includingFile.File!.Path);
        _includeFacts.Add(new IncludeDirective(name, location, resolved?.Path));
        if (resolved is null)
        {
            Report(DiagnosticCatalog.IncludeNotFound, location, name);
            return;
        }

        var included = GetIncludedFile(resolved);
        if (included.Guard is not null && _macros.ContainsKey(included.Guard))
        {
            // A guarded header already read: it would produce nothing.
            return;
        }

        if (FileDepth() > _options.MaxIncludeDepth)
        {
            Report(DiagnosticCatalog.IncludeTooDeep, location, _options.MaxIncludeDepth.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        foreach (var open in _frames)
        {
            if (open.File is not null && open.File.Path == resolved.Path)
            {
                Report(DiagnosticCatalog.IncludeCycle, location, name);
                return;
            }
        }

        var mainSite = includingFile.IsMain ? MainFileSpanOf(directive, last) : includingFile.MainSite;
        _includeSites.TryAdd(resolved.Path, mainSite);
        _frames.Add(InputFrame.ForInclude(resolved, included.Tokens, _conditionals.Count, mainSite));
    }

    /// <summary>The name between &lt; and &gt;, as written (tokens and the spaces between them).</summary>
    private string? ReadAngleBracketName(InputFrame frame, out HdlToken? last)
    {
        var name = new StringBuilder();
        last = null;
        while (frame.Peek() is { } token && token.Type is not (SystemVerilogLexer.NEWLINE or SystemVerilogLexer.LINE_COMMENT))
        {
            frame.Position++;
            if (token.Type == SystemVerilogLexer.GT)
            {
                last = token;
                return name.ToString().Trim();
            }

            name.Append(token.Text);
        }

        return null;
    }

    /// <summary>Where the main file shows an include: the directive, or the macro use in the main file that produced it.</summary>
    private TextSpan MainFileSpanOf(HdlToken directive, HdlToken last)
    {
        var outermost = directive.Expansion;
        while (outermost?.Parent is not null)
        {
            outermost = outermost.Parent;
        }

        if (outermost is not null)
        {
            return outermost.CallSite.Path == _main.Path ? outermost.CallSite.Span : default;
        }

        return LocationOf(directive, last).Span;
    }

    private SourceText? Resolve(string name, string includingPath)
    {
        if (_includeSource is null)
        {
            return null;
        }

        var key = name + "\0" + includingPath;
        if (!_resolved.TryGetValue(key, out var resolved))
        {
            resolved = _includeSource.Resolve(name, includingPath, _options.IncludeDirectories);
            _resolved[key] = resolved;
        }

        return resolved;
    }

    private IncludedFile GetIncludedFile(SourceText text) =>
        text.GetOrCreateDerived(file =>
        {
            var tokens = PreprocessorLexing.Lex(file, _cancellationToken);
            return new IncludedFile(tokens, FindIncludeGuard(tokens));
        });

    /// <summary>
    /// The guard macro of a file shaped `ifndef G / `define G ... `endif with nothing significant after the
    /// `endif, or null. Such a file adds nothing once G is defined, so it need not be read again.
    /// </summary>
    private static string? FindIncludeGuard(List<HdlToken> tokens)
    {
        var index = 0;
        if (!NextSignificantIs(tokens, ref index, "`ifndef") || NextSignificant(tokens, ref index) is not { } guard
            || !NextSignificantIs(tokens, ref index, "`define") || NextSignificant(tokens, ref index)?.Text != guard.Text)
        {
            return null;
        }

        var depth = 1;
        while (NextSignificant(tokens, ref index) is { } token)
        {
            if (token.Type != SystemVerilogLexer.DIRECTIVE)
            {
                continue;
            }

            var kind = CompilerDirectives.Find(token.Text.AsSpan(1));
            if (kind is DirectiveKind.Ifdef or DirectiveKind.Ifndef)
            {
                depth++;
            }
            else if (kind == DirectiveKind.Endif && --depth == 0)
            {
                return NextSignificant(tokens, ref index) is null ? guard.Text : null;
            }
            else if (depth == 1 && kind is DirectiveKind.Else or DirectiveKind.Elsif)
            {
                return null;
            }
        }

        return null;
    }

    private static bool NextSignificantIs(List<HdlToken> tokens, ref int index, string text) =>
        NextSignificant(tokens, ref index)?.Text == text;

    private static HdlToken? NextSignificant(List<HdlToken> tokens, ref int index)
    {
        while (index < tokens.Count)
        {
            var token = tokens[index++];
            if (token.Type == Antlr4.Runtime.TokenConstants.EOF)
            {
                return null;
            }

            if (token.Channel == Antlr4.Runtime.TokenConstants.DefaultChannel)
            {
                return token;
            }
        }

        return null;
    }
}
