using System.Globalization;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Text;
using Hdl.Syntax.Verilog;

namespace Hdl.Syntax.Preprocessor;

/// <summary>Compiler directives other than macros, conditionals and includes (IEEE 1800-2017 §22.3-22.14).</summary>
internal sealed partial class PreprocessorRun
{
    /// <summary>Version names `begin_keywords accepts beyond <see cref="KeywordVersions.ByDirectiveName"/>.</summary>
    private const string SystemVerilog2023Name = "1800-2023";

    private void ProcessDirective(InputFrame frame, HdlToken token)
    {
        var text = token.Text;
        var kind = token.Type == SystemVerilogLexer.DIRECTIVE ? CompilerDirectives.Find(text.AsSpan(1)) : DirectiveKind.None;
        switch (kind)
        {
            case DirectiveKind.None:
                ProcessMacroUse(frame, token);
                return;
            case DirectiveKind.Define:
                ProcessDefine(frame, token);
                return;
            case DirectiveKind.Undef:
                ProcessUndef(frame, token);
                return;
            case DirectiveKind.UndefineAll:
                _macros.Clear();
                return;
            case DirectiveKind.Ifdef:
            case DirectiveKind.Ifndef:
                ProcessIfdef(frame, token, kind == DirectiveKind.Ifndef);
                return;
            case DirectiveKind.Elsif:
            case DirectiveKind.Else:
            case DirectiveKind.Endif:
                ProcessBranchDirective(frame, token, kind);
                return;
            case DirectiveKind.Include:
                ProcessInclude(frame, token);
                return;
            case DirectiveKind.Timescale:
                ProcessTimescale(frame, token);
                return;
            case DirectiveKind.DefaultNettype:
                ProcessDefaultNettype(frame, token);
                return;
            case DirectiveKind.UnconnectedDrive:
                ProcessUnconnectedDrive(frame, token);
                return;
            case DirectiveKind.Pragma:
                ProcessPragma(frame, token);
                return;
            case DirectiveKind.Line:
                ProcessLine(frame, token);
                return;
            case DirectiveKind.FileMacro:
            case DirectiveKind.LineMacro:
                EmitPresumedLocation(token, kind);
                return;
            case DirectiveKind.BeginKeywords:
                ProcessBeginKeywords(frame, token);
                return;
            case DirectiveKind.EndKeywords:
                if (_versionStack.Count == 0)
                {
                    Report(DiagnosticCatalog.MalformedDirective, token, "`end_keywords without `begin_keywords");
                }
                else
                {
                    _version = _versionStack[^1];
                    _versionStack.RemoveAt(_versionStack.Count - 1);
                }

                return;
            case DirectiveKind.IgnoredLine:
                // The legacy directives' operands end with the line.
                SkipRestOfLine(frame);
                return;
            case DirectiveKind.ResetAll when _designElementDepth > 0:
                Report(DiagnosticCatalog.ResetAllInDesignElement, token);
                return;
            default:
                // `resetall, `celldefine, `endcelldefine and `nounconnected_drive take no operands and change
                // nothing the parser sees.
                return;
        }
    }

    private void ProcessUndef(InputFrame frame, HdlToken directive)
    {
        var name = NextOperandOnLine(frame);
        if (name is null || !Tokens.IsIdentifierLike(name.Type))
        {
            Report(DiagnosticCatalog.MalformedDirective, directive, "`undef needs a macro name");
        }
        else
        {
            _macros.Remove(name.Text);
        }
    }

    /// <summary>
    /// `timescale time_unit / time_precision: each 1, 10 or 100 followed by a unit, and the precision at least
    /// as fine as the unit (IEEE 1800-2017 §22.7).
    /// </summary>
    private void ProcessTimescale(InputFrame frame, HdlToken directive)
    {
        var unit = ReadTimeValue(frame);
        var slash = unit is null ? null : NextOperandOnLine(frame);
        var precision = slash is { Type: SystemVerilogLexer.SLASH } ? ReadTimeValue(frame) : null;
        if (unit is null || precision is null)
        {
            Report(DiagnosticCatalog.MalformedDirective, directive, "`timescale needs a time unit and a precision, such as 1ns/1ps");
        }
        else if (precision > unit)
        {
            Report(DiagnosticCatalog.MalformedDirective, directive, "the `timescale precision must not be coarser than its unit");
        }

        SkipRestOfLine(frame);
    }

    /// <summary>A time value as a power of ten of seconds (1ns: -9, 100ps: -10), or null when malformed.</summary>
    private int? ReadTimeValue(InputFrame frame)
    {
        var value = NextOperandOnLine(frame);
        string magnitude;
        string unit;
        if (value is { Type: SystemVerilogLexer.TIME_LITERAL })
        {
            var unitStart = value.Text.Length - (value.Text.EndsWith('s') && value.Text.Length > 2 && char.IsAsciiLetter(value.Text[^2]) ? 2 : 1);
            magnitude = value.Text[..unitStart];
            unit = value.Text[unitStart..];
        }
        else if (value is { Type: SystemVerilogLexer.UNSIGNED_NUMBER } && NextOperandOnLine(frame) is { Type: SystemVerilogLexer.SIMPLE_IDENTIFIER } unitToken)
        {
            magnitude = value.Text;
            unit = unitToken.Text;
        }
        else
        {
            return null;
        }

        int? magnitudeExponent = magnitude switch { "1" => 0, "10" => 1, "100" => 2, _ => null };
        int? unitExponent = unit switch { "s" => 0, "ms" => -3, "us" => -6, "ns" => -9, "ps" => -12, "fs" => -15, _ => null };
        return magnitudeExponent + unitExponent;
    }

    private void ProcessDefaultNettype(InputFrame frame, HdlToken directive)
    {
        var value = NextOperandOnLine(frame);
        if (value?.Text is not ("wire" or "tri" or "tri0" or "tri1" or "wand" or "triand" or "wor" or "trior" or "trireg" or "uwire" or "none"))
        {
            Report(DiagnosticCatalog.MalformedDirective, directive, "`default_nettype needs a net type or none");
        }

        SkipRestOfLine(frame);
    }

    private void ProcessUnconnectedDrive(InputFrame frame, HdlToken directive)
    {
        var value = NextOperandOnLine(frame);
        if (value?.Text is not ("pull0" or "pull1"))
        {
            Report(DiagnosticCatalog.MalformedDirective, directive, "`unconnected_drive needs pull0 or pull1");
        }

        SkipRestOfLine(frame);
    }

    private void ProcessBeginKeywords(InputFrame frame, HdlToken directive)
    {
        var value = NextOperandOnLine(frame);
        _versionStack.Add(_version);
        if (value is { Type: SystemVerilogLexer.STRING_LITERAL } && value.Text.Length >= 2)
        {
            var name = value.Text[1..^1];
            if (KeywordVersions.ByDirectiveName.TryGetValue(name, out var version))
            {
                _version = version;
            }
            else if (name == SystemVerilog2023Name)
            {
                // 1800-2023 reserves no keywords beyond 1800-2017.
                _version = LanguageVersion.SystemVerilog2017;
            }
            else
            {
                Report(DiagnosticCatalog.MalformedDirective, value, $"unknown keyword version {value.Text}");
            }
        }
        else
        {
            Report(DiagnosticCatalog.MalformedDirective, directive, "`begin_keywords needs a version in quotes, such as \"1364-2005\"");
        }

        SkipRestOfLine(frame);
    }

    /// <summary>
    /// `pragma name [expressions]. `pragma protect begin_protected starts an encrypted block: everything up to
    /// `pragma protect end_protected is skipped unread (it is not Verilog and may contain any characters).
    /// </summary>
    private void ProcessPragma(InputFrame frame, HdlToken directive)
    {
        var name = NextOperandOnLine(frame);
        if (name is null || !Tokens.IsIdentifierLike(name.Type))
        {
            Report(DiagnosticCatalog.MalformedDirective, directive, "`pragma needs a pragma name");
            SkipRestOfLine(frame);
            return;
        }

        var beginsProtectedBlock = name.Text == "protect" && LineHasWord(frame, "begin_protected");
        SkipRestOfLine(frame);
        if (beginsProtectedBlock)
        {
            SkipProtectedBlock(directive);
        }
    }

    /// <summary>Consumes the rest of the line and says whether one of its tokens is the word.</summary>
    private bool LineHasWord(InputFrame frame, string word)
    {
        var found = false;
        while (NextOperandOnLine(frame) is { } operand)
        {
            found |= operand.Text == word;
        }

        return found;
    }

    private void SkipProtectedBlock(HdlToken directive)
    {
        while (NextRaw() is { } token)
        {
            if (token.Type == SystemVerilogLexer.DIRECTIVE && token.Text == "`pragma")
            {
                var frame = _frames[^1];
                if (NextOperandOnLine(frame)?.Text == "protect" && LineHasWord(frame, "end_protected"))
                {
                    return;
                }
            }
        }

        Report(DiagnosticCatalog.MalformedDirective, directive, "`pragma protect begin_protected without `pragma protect end_protected");
    }

    /// <summary>`line number "filename" level: changes what `__LINE__ and `__FILE__ report from the next line on.</summary>
    private void ProcessLine(InputFrame frame, HdlToken directive)
    {
        var number = NextOperandOnLine(frame);
        var fileName = NextOperandOnLine(frame);
        var level = NextOperandOnLine(frame);
        if (number is not { Type: SystemVerilogLexer.UNSIGNED_NUMBER }
            || !int.TryParse(number.Text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var lineNumber)
            || fileName is not { Type: SystemVerilogLexer.STRING_LITERAL }
            || level is not { Type: SystemVerilogLexer.UNSIGNED_NUMBER, Text: "0" or "1" or "2" })
        {
            Report(DiagnosticCatalog.MalformedDirective, directive, "`line needs a line number, a file name in quotes and a level 0, 1 or 2");
            SkipRestOfLine(frame);
            return;
        }

        SkipRestOfLine(frame);
        var fileFrame = CurrentFileFrame();
        if (directive.Expansion is null && ReferenceEquals(directive.File, fileFrame.File))
        {
            fileFrame.LineDelta = lineNumber - (directive.Line + 1);
            fileFrame.PresumedPath = fileName.Text[1..^1];
        }
    }

    /// <summary>`__FILE__ and `__LINE__: the presumed file and line of the use (for macro output: of the outermost use).</summary>
    private void EmitPresumedLocation(HdlToken directive, DirectiveKind kind)
    {
        var fileFrame = CurrentFileFrame();
        string path;
        int line;
        var outermost = directive.Expansion;
        while (outermost?.Parent is not null)
        {
            outermost = outermost.Parent;
        }

        if (outermost is not null)
        {
            path = outermost.CallSite.Path;
            line = outermost.CallSite.Start.Line + 1;
        }
        else
        {
            path = directive.File.Path;
            line = directive.Line;
        }

        if (fileFrame.File is not null && path == fileFrame.File.Path)
        {
            line += fileFrame.LineDelta;
            path = fileFrame.PresumedPath ?? path;
        }

        var position = new LinePosition(directive.Line - 1, directive.Column);
        var synthesized = kind == DirectiveKind.FileMacro
            ? HdlToken.Synthesized(SystemVerilogLexer.STRING_LITERAL, "\"" + path.Replace("\\", "\\\\", StringComparison.Ordinal) + "\"", directive.File, directive.Span, position, directive.Expansion)
            : HdlToken.Synthesized(SystemVerilogLexer.UNSIGNED_NUMBER, line.ToString(CultureInfo.InvariantCulture), directive.File, directive.Span, position, directive.Expansion);
        _output.Add(synthesized);
    }
}
