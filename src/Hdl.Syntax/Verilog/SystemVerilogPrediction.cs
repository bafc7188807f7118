using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Dfa;
using Hdl.Syntax.Parsing;
using static Hdl.Syntax.Parsing.AtnPaths;

namespace Hdl.Syntax.Verilog;

/// <summary>
/// Cheaper answers for the SystemVerilog decisions whose cold SLL prediction costs most (bench/parse-throughput/
/// results.md): the first-token table for every decision, and three decisions that SLL, having no caller context,
/// can only settle by reading far ahead: the dangling <c>else</c>, a parenthesised primary (<c>(a = b)</c> against
/// <c>(a + b)</c>) and a statement that starts with a name (assignment, nonblocking assignment, <c>++</c>, call).
/// </summary>
internal sealed class SystemVerilogPrediction : ShortcutPrediction
{
    /// <summary>Tokens scanned at most to find what follows a name or a parenthesis before giving the decision to ANTLR.</summary>
    private const int ScanLimit = 256;

    private static readonly Lazy<Shortcuts> Shared = new(() => new Shortcuts(SystemVerilogParser.GrammarAtn));

    private readonly Shortcuts _shortcuts;
    private readonly Parser _parser;

    public SystemVerilogPrediction(Parser parser, ATN atn, DFA[] decisionToDFA, PredictionContextCache sharedContextCache)
        : base(parser, atn, decisionToDFA, sharedContextCache)
    {
        _shortcuts = Shared.Value;
        _parser = parser;
    }

    protected override FirstTokenTable FirstToken => _shortcuts.FirstToken;

    protected override int Shortcut(ITokenStream input, int decision, int next, ParserRuleContext outerContext)
    {
        // An operator of a left-recursive rule: the loop goes on when the operator binds at least as tightly as the
        // level being parsed (its precedence predicate), as ANTLR's prediction resolves it for valid input.
        var precedence = _shortcuts.FirstToken.OperatorPrecedence(decision, next);
        return precedence >= 0 ? (_parser.Precpred(outerContext, precedence) ? 1 : 2) : _shortcuts.Special(input, decision, next);
    }

    /// <summary>The tables, built once per process from the grammar's ATN (alternatives found by the rules they call).</summary>
    private sealed class Shortcuts
    {
        public readonly FirstTokenTable FirstToken;
        private readonly int _elseDecision = -1;
        private readonly int _primaryDecision = -1;
        private readonly int _primaryAssignmentAlt;
        private readonly int _primaryParenthesisedAlt;
        private readonly int _statementDecision = -1;
        private readonly int _blockingAlt;
        private readonly int _nonblockingAlt;
        private readonly int _incDecAlt;
        private readonly int _callAlt;
        private readonly bool[] _assignmentOperators;

        public Shortcuts(ATN atn)
        {
            FirstToken = new FirstTokenTable(atn);
            var analyzer = new LL1Analyzer(atn);
            var compound = analyzer.Look(atn.ruleToStartState[SystemVerilogParser.RULE_compound_assignment_operator], null, (RuleContext?)null);
            _assignmentOperators = new bool[atn.maxTokenType + 1];
            foreach (var token in compound.ToList())
            {
                _assignmentOperators[token] = true;
            }

            _assignmentOperators[SystemVerilogLexer.EQUALS] = true;

            for (var decision = 0; decision < atn.NumberOfDecisions; decision++)
            {
                var state = atn.GetDecisionState(decision);
                switch (state.ruleIndex)
                {
                    case SystemVerilogParser.RULE_conditional_statement when FirstAtom(state.Transition(0).target) == SystemVerilogLexer.ELSE:
                        _elseDecision = decision;
                        break;
                    case SystemVerilogParser.RULE_primary:
                        for (var alt = 0; alt < state.NumberOfTransitions; alt++)
                        {
                            var target = state.Transition(alt).target;
                            if (FirstAtom(target) != SystemVerilogLexer.LPAREN)
                            {
                                continue;
                            }

                            var called = RuleAfterFirstAtom(target);
                            if (called == SystemVerilogParser.RULE_operator_assignment)
                            {
                                _primaryDecision = decision;
                                _primaryAssignmentAlt = alt + 1;
                            }
                            else if (called == SystemVerilogParser.RULE_mintypmax_expression)
                            {
                                _primaryParenthesisedAlt = alt + 1;
                            }
                        }

                        break;
                    case SystemVerilogParser.RULE_statement_item:
                        for (var alt = 0; alt < state.NumberOfTransitions; alt++)
                        {
                            switch (FirstRule(state.Transition(alt).target))
                            {
                                case SystemVerilogParser.RULE_blocking_assignment:
                                    _statementDecision = decision;
                                    _blockingAlt = alt + 1;
                                    break;
                                case SystemVerilogParser.RULE_nonblocking_assignment:
                                    _nonblockingAlt = alt + 1;
                                    break;
                                case SystemVerilogParser.RULE_inc_or_dec_expression:
                                    _incDecAlt = alt + 1;
                                    break;
                                case SystemVerilogParser.RULE_subroutine_call_statement:
                                    _callAlt = alt + 1;
                                    break;
                            }
                        }

                        break;
                }
            }

            if (_elseDecision < 0 || _primaryParenthesisedAlt == 0 || _callAlt == 0 || _nonblockingAlt == 0 || _incDecAlt == 0)
            {
                throw new InvalidOperationException("SystemVerilogPrediction: the grammar no longer has the decisions it shortcuts.");
            }
        }

        public int Special(ITokenStream input, int decision, int next)
        {
            if (decision == _elseDecision)
            {
                // The `else` belongs to the nearest `if` (IEEE 1800-2017 12.4); SLL also sees the else of an enclosing
                // generate `if` and reads the whole branch to choose. An input only the outer `if` fits goes to LL.
                return next == SystemVerilogLexer.ELSE ? 1 : 0;
            }

            if (decision == _primaryDecision && next == SystemVerilogLexer.LPAREN)
            {
                // `(lvalue op= expression)` has an assignment operator outside any bracket; an expression never does.
                var found = ScanAtDepth(input, 2, 1, out var token);
                return !found ? 0 : _assignmentOperators[token] ? _primaryAssignmentAlt : token == SystemVerilogLexer.RPAREN ? _primaryParenthesisedAlt : 0;
            }

            if (decision == _statementDecision && StartsName(next))
            {
                // The left-hand side is a primary, so the first operator outside brackets tells the statement.
                if (!ScanAtDepth(input, 1, 0, out var token))
                {
                    return 0;
                }

                return token switch
                {
                    SystemVerilogLexer.SEMI => _callAlt,
                    SystemVerilogLexer.LE => _nonblockingAlt,
                    SystemVerilogLexer.INCREMENT or SystemVerilogLexer.DECREMENT => _incDecAlt,
                    _ => _assignmentOperators[token] ? _blockingAlt : 0,
                };
            }

            return 0;
        }

        /// <summary>
        /// From LA(<paramref name="from"/>) at bracket depth <paramref name="depth"/>, the first token back at that
        /// depth that is an assignment operator, `&lt;=`, `++`, `--`, `;` or the closing bracket of the depth.
        /// </summary>
        private bool ScanAtDepth(ITokenStream input, int from, int depth, out int found)
        {
            var level = depth;
            for (var i = from; i < from + ScanLimit; i++)
            {
                var token = input.LA(i);
                switch (token)
                {
                    case TokenConstants.EOF:
                        found = 0;
                        return false;
                    case SystemVerilogLexer.LPAREN or SystemVerilogLexer.LBRACKET or SystemVerilogLexer.LBRACE
                        or SystemVerilogLexer.APOSTROPHE_LBRACE or SystemVerilogLexer.ATTR_START:
                        level++;
                        continue;
                    case SystemVerilogLexer.RPAREN or SystemVerilogLexer.RBRACKET or SystemVerilogLexer.RBRACE or SystemVerilogLexer.ATTR_END:
                        if (level == depth)
                        {
                            found = token;
                            return true;
                        }

                        level--;
                        continue;
                }

                if (level == depth && (token == SystemVerilogLexer.SEMI || token == SystemVerilogLexer.LE || token == SystemVerilogLexer.INCREMENT
                    || token == SystemVerilogLexer.DECREMENT || (token < _assignmentOperators.Length && token >= 0 && _assignmentOperators[token])))
                {
                    found = token;
                    return true;
                }
            }

            found = 0;
            return false;
        }

        private static bool StartsName(int token) => token is SystemVerilogLexer.SIMPLE_IDENTIFIER or SystemVerilogLexer.ESCAPED_IDENTIFIER
            or SystemVerilogLexer.THIS or SystemVerilogLexer.SUPER or SystemVerilogLexer.DOLLAR_ROOT or SystemVerilogLexer.DOLLAR_UNIT
            or SystemVerilogLexer.SYSTEM_TF_IDENTIFIER;
    }
}

// The generated part of this class carries [CLSCompliant(false)], which this assembly does not need (as there).
#pragma warning disable CS3021

/// <summary>Access to the generated parser's shared prediction state, for <see cref="SystemVerilogPrediction"/>.</summary>
internal partial class SystemVerilogParser
{
    public static ATN GrammarAtn => _ATN;

    /// <summary>A parser whose SLL stage uses <see cref="SystemVerilogPrediction"/>; the DFA cache is the one all parsers share.</summary>
    public static SystemVerilogParser WithShortcuts(ITokenStream input)
    {
        var parser = new SystemVerilogParser(input);
        parser.Interpreter = new SystemVerilogPrediction(parser, _ATN, decisionToDFA, sharedContextCache);
        return parser;
    }
}
