using System.Collections.Immutable;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Text;
using Hdl.Syntax.Verilog;

namespace Hdl.Syntax.Preprocessor;

/// <summary>
/// `ifdef, `ifndef, `elsif, `else, `endif (IEEE 1800-2017 §22.6), with the 1800-2023 form
/// `ifdef (A &amp;&amp; !B) as well. Inactive text is skipped token by token, looking only at nested conditionals.
/// </summary>
internal sealed partial class PreprocessorRun
{
    private readonly List<OpenConditional> _conditionals = [];
    private readonly ImmutableArray<TextSpan>.Builder _inactiveRegions = ImmutableArray.CreateBuilder<TextSpan>();

    /// <summary>An `ifdef whose `endif has not been seen yet.</summary>
    private sealed class OpenConditional(HdlToken directive)
    {
        public HdlToken Directive { get; } = directive;

        public bool BranchTaken { get; set; }

        public bool SeenElse { get; set; }
    }

    private void ProcessIfdef(InputFrame frame, HdlToken directive, bool negate)
    {
        var condition = ReadCondition(frame, directive) != negate;
        var open = new OpenConditional(directive) { BranchTaken = condition };
        _conditionals.Add(open);
        if (!condition)
        {
            SkipInactive(open, stopAtNextBranch: true);
        }
    }

    /// <summary>`elsif, `else or `endif met in active text: the branch that was taken ends here.</summary>
    private void ProcessBranchDirective(InputFrame frame, HdlToken directive, DirectiveKind kind)
    {
        var fileFrame = CurrentFileFrame();
        if (_conditionals.Count <= fileFrame.ConditionalBase)
        {
            Report(DiagnosticCatalog.UnbalancedConditional, directive, $"{directive.Text} without `ifdef or `ifndef");
            if (kind == DirectiveKind.Elsif)
            {
                ReadCondition(frame, directive);
            }

            return;
        }

        var open = _conditionals[^1];
        if (kind == DirectiveKind.Endif)
        {
            _conditionals.RemoveAt(_conditionals.Count - 1);
            return;
        }

        if (open.SeenElse)
        {
            Report(DiagnosticCatalog.UnbalancedConditional, directive, $"{directive.Text} after `else");
        }

        if (kind == DirectiveKind.Else)
        {
            open.SeenElse = true;
        }
        else
        {
            // The condition is read only to consume it: a branch was already taken.
            ReadCondition(frame, directive);
        }

        SkipInactive(open, stopAtNextBranch: false);
    }

    /// <summary>
    /// Skips tokens of branches not taken until the branch to take (stopAtNextBranch) or the `endif.
    /// Leaves the conditional open at the end of the file, where <see cref="CloseConditionalsOfFile"/> reports it.
    /// </summary>
    private void SkipInactive(OpenConditional open, bool stopAtNextBranch)
    {
        var regionStart = NextRegionStart();
        var nested = 0;
        while (NextRaw() is { } token)
        {
            if (token.Type == SystemVerilogLexer.UNTERMINATED_BLOCK_COMMENT)
            {
                Report(DiagnosticCatalog.UnterminatedComment, token);
                continue;
            }

            if (token.Type != SystemVerilogLexer.DIRECTIVE)
            {
                continue;
            }

            var kind = CompilerDirectives.Find(token.Text.AsSpan(1));
            switch (kind)
            {
                case DirectiveKind.Ifdef:
                case DirectiveKind.Ifndef:
                    nested++;
                    continue;
                case DirectiveKind.Endif when nested > 0:
                    nested--;
                    continue;
                case DirectiveKind.Endif:
                    AddInactiveRegion(regionStart, token);
                    _conditionals.Remove(open);
                    return;
                case DirectiveKind.Else when nested == 0:
                    if (open.SeenElse)
                    {
                        Report(DiagnosticCatalog.UnbalancedConditional, token, "`else after `else");
                    }

                    open.SeenElse = true;
                    AddInactiveRegion(regionStart, token);
                    if (stopAtNextBranch && !open.BranchTaken)
                    {
                        open.BranchTaken = true;
                        return;
                    }

                    regionStart = NextRegionStart();
                    continue;
                case DirectiveKind.Elsif when nested == 0:
                    if (open.SeenElse)
                    {
                        Report(DiagnosticCatalog.UnbalancedConditional, token, "`elsif after `else");
                    }

                    AddInactiveRegion(regionStart, token);
                    var condition = ReadCondition(_frames[^1], token);
                    if (stopAtNextBranch && !open.BranchTaken && condition)
                    {
                        open.BranchTaken = true;
                        return;
                    }

                    regionStart = NextRegionStart();
                    continue;
            }
        }

        // End of file inside the conditional: the inactive text runs to the end.
        if (regionStart >= 0 && _frames[^1].IsMain)
        {
            var end = _frames[^1].Tokens[_frames[^1].End].StartIndex;
            if (end > regionStart)
            {
                _inactiveRegions.Add(TextSpan.FromBounds(regionStart, end));
            }
        }
    }

    /// <summary>Each branch not taken is its own region; the directives between them are not inactive text.</summary>
    private int NextRegionStart() => _frames[^1].IsMain ? LastConsumedEnd(_frames[^1]) : -1;

    private static int LastConsumedEnd(InputFrame frame) =>
        frame.Position > 0 ? frame.Tokens[frame.Position - 1].StopIndex + 1 : 0;

    private void AddInactiveRegion(int regionStart, HdlToken end)
    {
        if (regionStart >= 0 && _frames[^1].IsMain && end.Expansion is null && ReferenceEquals(end.File, _main) && end.StartIndex > regionStart)
        {
            _inactiveRegions.Add(TextSpan.FromBounds(regionStart, end.StartIndex));
        }
    }

    /// <summary>At the end of a file, every conditional opened in it and not closed is reported and dropped.</summary>
    private void CloseConditionalsOfFile(InputFrame fileFrame)
    {
        while (_conditionals.Count > fileFrame.ConditionalBase)
        {
            var open = _conditionals[^1];
            _conditionals.RemoveAt(_conditionals.Count - 1);
            Report(DiagnosticCatalog.UnbalancedConditional, open.Directive, $"{open.Directive.Text} without `endif");
        }
    }

    /// <summary>The operand of `ifdef/`ifndef/`elsif: a macro name, or (1800-2023) a parenthesised expression of names.</summary>
    private bool ReadCondition(InputFrame frame, HdlToken directive)
    {
        var operand = NextOperandOnLine(frame);
        if (operand is not null && Tokens.IsIdentifierLike(operand.Type))
        {
            return _macros.ContainsKey(operand.Text);
        }

        if (operand is { Type: SystemVerilogLexer.LPAREN })
        {
            var parser = new ConditionParser(this, frame);
            var value = parser.ParseImplication();
            if (parser.Failed || NextOperandOnLine(frame) is not { Type: SystemVerilogLexer.RPAREN })
            {
                Report(DiagnosticCatalog.MalformedDirective, directive, $"{directive.Text} needs a macro name or an expression of macro names with &&, ||, !, -> and <->");
                return false;
            }

            return value;
        }

        Report(DiagnosticCatalog.MalformedDirective, directive, $"{directive.Text} needs a macro name");
        return false;
    }

    /// <summary>Recursive descent over `ifdef expressions (IEEE 1800-2023 §22.6): ! &amp;&amp; || -> &lt;-&gt; and parentheses.</summary>
    private sealed class ConditionParser(PreprocessorRun run, InputFrame frame)
    {
        private const int MaxNesting = 64;
        private int _nesting;

        public bool Failed { get; private set; }

        public bool ParseImplication()
        {
            var left = ParseOr();
            while (!Failed && NextIs(SystemVerilogLexer.ARROW, SystemVerilogLexer.EQUIVALENCE) is { } op)
            {
                var right = ParseOr();
                left = op.Type == SystemVerilogLexer.ARROW ? !left || right : left == right;
            }

            return left;
        }

        private bool ParseOr()
        {
            var left = ParseAnd();
            while (!Failed && NextIs(SystemVerilogLexer.LOGICAL_OR, SystemVerilogLexer.LOGICAL_OR) is not null)
            {
                left |= ParseAnd();
            }

            return left;
        }

        private bool ParseAnd()
        {
            var left = ParseUnary();
            while (!Failed && NextIs(SystemVerilogLexer.LOGICAL_AND, SystemVerilogLexer.LOGICAL_AND) is not null)
            {
                left &= ParseUnary();
            }

            return left;
        }

        private bool ParseUnary()
        {
            var token = run.NextOperandOnLine(frame);
            if (token is null || ++_nesting > MaxNesting)
            {
                Failed = true;
                return false;
            }

            try
            {
                if (token.Type == SystemVerilogLexer.BANG)
                {
                    return !ParseUnary();
                }

                if (token.Type == SystemVerilogLexer.LPAREN)
                {
                    var value = ParseImplication();
                    if (run.NextOperandOnLine(frame) is not { Type: SystemVerilogLexer.RPAREN })
                    {
                        Failed = true;
                    }

                    return value;
                }

                if (Tokens.IsIdentifierLike(token.Type))
                {
                    return run._macros.ContainsKey(token.Text);
                }

                Failed = true;
                return false;
            }
            finally
            {
                _nesting--;
            }
        }

        /// <summary>Consumes the next operand when it is one of two types; otherwise leaves it.</summary>
        private HdlToken? NextIs(int type, int otherType)
        {
            var token = run.NextOperandOnLine(frame);
            if (token is not null && (token.Type == type || token.Type == otherType))
            {
                return token;
            }

            if (token is not null)
            {
                // Only the operand goes back; the spaces and comments before it stay consumed.
                frame.Position--;
            }

            return null;
        }
    }
}
