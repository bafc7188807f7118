using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Dfa;
using Hdl.Syntax.Parsing;
using static Hdl.Syntax.Parsing.AtnPaths;

namespace Hdl.Syntax.Vhdl;

/// <summary>
/// Cheaper answers for the VHDL decisions that cost most in the SLL stage (bench/parse-throughput/results.md): the
/// first-token table for every decision, an optional statement label (<c>lbl :</c>), and the decisions ANTLR settles
/// by reading ahead to a token that tells the alternatives apart: a sequential or concurrent statement that starts with
/// a name (<c>&lt;=</c>, <c>:=</c> or <c>;</c> after its target), an association element (<c>=&gt;</c> before the next
/// <c>,</c>), a subprogram declaration against a body or an instantiation (<c>;</c>, <c>is</c>, <c>is new</c>), a
/// resolution function before a type mark (two names in a row), and a name's suffix loop.
/// </summary>
/// <remarks>Where the grammar allows two parses, such as <c>u : c;</c> as an instance or a call, ANTLR decides.</remarks>
internal sealed class VhdlPrediction : ShortcutPrediction
{
    /// <summary>Tokens scanned at most to find the token that decides, before giving the decision to ANTLR.</summary>
    private const int ScanLimit = 256;

    private static readonly Lazy<Shortcuts> Shared = new(() => new Shortcuts(VhdlParser.GrammarAtn));

    private readonly Shortcuts _shortcuts;

    public VhdlPrediction(Parser parser, ATN atn, DFA[] decisionToDFA, PredictionContextCache sharedContextCache)
        : base(parser, atn, decisionToDFA, sharedContextCache)
    {
        _shortcuts = Shared.Value;
    }

    protected override FirstTokenTable FirstToken => _shortcuts.FirstToken;

    protected override int Shortcut(ITokenStream input, int decision, int next, ParserRuleContext outerContext) =>
        _shortcuts.Special(input, decision, next);

    private enum Kind : byte
    {
        None,
        OptionalLabel,
        SequentialStatement,
        ConcurrentStatement,
        AssociationElement,
        DeclarativeItem,
        ResolutionIndication,
        NameSuffixLoop,
    }

    /// <summary>The tables, built once per process from the grammar's ATN (alternatives found by the rules they call).</summary>
    private sealed class Shortcuts
    {
        public readonly FirstTokenTable FirstToken;
        private readonly Kind[] _kind;

        /// <summary>Per decision, by rule index: the alternative that starts by calling the rule (0 if none).</summary>
        private readonly Dictionary<int, int>[] _altByRule;

        /// <summary>Per decision of the kinds with two alternatives: the one to take when the shortcut's test holds.</summary>
        private readonly int[] _yesAlt;
        private readonly int[] _noAlt;

        private readonly bool[] _sequentialStops;
        private readonly bool[] _concurrentStops;
        private readonly bool[] _associationStops;
        private readonly bool[] _subprogramStops;
        private readonly bool[] _selectStops;

        public Shortcuts(ATN atn)
        {
            FirstToken = new FirstTokenTable(atn);
            var analyzer = new LL1Analyzer(atn);
            var decisions = atn.NumberOfDecisions;
            _kind = new Kind[decisions];
            _altByRule = new Dictionary<int, int>[decisions];
            _yesAlt = new int[decisions];
            _noAlt = new int[decisions];
            var found = new HashSet<Kind>();
            for (var decision = 0; decision < decisions; decision++)
            {
                var state = atn.GetDecisionState(decision);
                var byRule = new Dictionary<int, int>();
                for (var alt = 0; alt < state.NumberOfTransitions; alt++)
                {
                    var rule = FirstRule(state.Transition(alt).target);
                    if (rule >= 0)
                    {
                        byRule.TryAdd(rule, alt + 1);
                    }
                }

                _altByRule[decision] = byRule;
                var kind = state.ruleIndex switch
                {
                    VhdlParser.RULE_sequential_statement when state.NumberOfTransitions > 2 => Kind.SequentialStatement,
                    VhdlParser.RULE_concurrent_statement when state.NumberOfTransitions > 2 => Kind.ConcurrentStatement,
                    VhdlParser.RULE_association_element when byRule.ContainsKey(VhdlParser.RULE_formal_part) => Kind.AssociationElement,
                    VhdlParser.RULE_declarative_item when state.NumberOfTransitions > 2 => Kind.DeclarativeItem,
                    VhdlParser.RULE_subtype_indication when byRule.ContainsKey(VhdlParser.RULE_resolution_indication) => Kind.ResolutionIndication,
                    VhdlParser.RULE_name when state is StarLoopEntryState => Kind.NameSuffixLoop,
                    _ => IsOptionalLabel(state) ? Kind.OptionalLabel : Kind.None,
                };
                _kind[decision] = kind;
                found.Add(kind);
                switch (kind)
                {
                    case Kind.OptionalLabel:
                        _yesAlt[decision] = byRule[VhdlParser.RULE_label];
                        _noAlt[decision] = 3 - _yesAlt[decision];
                        break;
                    case Kind.AssociationElement:
                        _yesAlt[decision] = byRule[VhdlParser.RULE_formal_part];
                        _noAlt[decision] = byRule[VhdlParser.RULE_actual_part];
                        break;
                    case Kind.ResolutionIndication:
                        _yesAlt[decision] = byRule[VhdlParser.RULE_resolution_indication];
                        _noAlt[decision] = 3 - _yesAlt[decision];
                        break;
                    case Kind.NameSuffixLoop:
                        // The greedy loop enters on the tokens that start a suffix; the other alternative leaves it.
                        _yesAlt[decision] = analyzer.Look(state.Transition(0).target, null, (RuleContext?)null).Contains(VhdlLexer.DOT) ? 1 : 2;
                        _noAlt[decision] = 3 - _yesAlt[decision];
                        break;
                }
            }

            var width = atn.maxTokenType + 1;
            _sequentialStops = Stops(width, VhdlLexer.LE, VhdlLexer.VARASGN, VhdlLexer.SEMI);
            _concurrentStops = Stops(width, VhdlLexer.LE, VhdlLexer.SEMI, VhdlLexer.GENERIC, VhdlLexer.PORT);
            _associationStops = Stops(width, VhdlLexer.ARROW, VhdlLexer.COMMA, VhdlLexer.SEMI);
            _subprogramStops = Stops(width, VhdlLexer.IS, VhdlLexer.SEMI);
            _selectStops = Stops(width, VhdlLexer.SELECT, VhdlLexer.SEMI);

            if (found.Count != Enum.GetValues<Kind>().Length)
            {
                throw new InvalidOperationException("VhdlPrediction: the grammar no longer has the decisions it shortcuts.");
            }
        }

        public int Special(ITokenStream input, int decision, int next) => _kind[decision] switch
        {
            // `lbl :` before a statement; a name is never followed by a colon where a label may stand.
            Kind.OptionalLabel => IsIdentifier(next) ? (input.LA(2) == VhdlLexer.COLON ? _yesAlt[decision] : _noAlt[decision]) : 0,
            Kind.SequentialStatement => SequentialStatement(input, decision),
            Kind.ConcurrentStatement => ConcurrentStatement(input, decision),
            Kind.AssociationElement => AssociationElement(input, decision),
            Kind.DeclarativeItem => DeclarativeItem(input, decision, next),
            Kind.ResolutionIndication => ResolutionIndication(input, decision, next),
            Kind.NameSuffixLoop => next is VhdlLexer.DOT or VhdlLexer.LPAREN or VhdlLexer.TICK ? _yesAlt[decision] : 0,
            _ => 0,
        };

        /// <summary>
        /// After an optional label: a keyword names the statement (each statement rule starts with the label or its
        /// own keyword, so the first-token table answers for the keyword); a target is followed by `&lt;=` or `:=`,
        /// a procedure call by `;`.
        /// </summary>
        private int SequentialStatement(ITokenStream input, int decision)
        {
            var first = input.LA(1);
            var k = IsIdentifier(first) && input.LA(2) == VhdlLexer.COLON ? 3 : 1;
            var start = input.LA(k);
            if (k == 3 && !IsIdentifier(start) && start is not (VhdlLexer.LPAREN or VhdlLexer.DOUBLE_LESS or VhdlLexer.WITH))
            {
                var keyword = FirstToken.Lookup(decision, start, exact: false);
                return keyword > 0 ? keyword : 0;
            }

            var from = k;
            if (start == VhdlLexer.WITH)
            {
                var select = Scan(input, k + 1, _selectStops);
                if (select < 0 || input.LA(select) != VhdlLexer.SELECT)
                {
                    return 0;
                }

                from = select + 1;
            }
            else if (!IsIdentifier(start) && start is not (VhdlLexer.LPAREN or VhdlLexer.DOUBLE_LESS))
            {
                return 0;
            }

            var at = Scan(input, from, _sequentialStops);
            return at < 0 ? 0 : input.LA(at) switch
            {
                VhdlLexer.LE => AltOf(decision, VhdlParser.RULE_signal_assignment_statement),
                VhdlLexer.VARASGN => AltOf(decision, VhdlParser.RULE_variable_assignment_statement),
                VhdlLexer.SEMI when IsIdentifier(start) => AltOf(decision, VhdlParser.RULE_procedure_call_statement),
                _ => 0,
            };
        }

        /// <summary>
        /// After an optional label: the keyword names the statement; a target is followed by `&lt;=`; a component
        /// instance by its generic or port map. Left to ANTLR: `postponed`, `assert` (VHDL or PSL), and a labelled
        /// `u : name;`, which is an instance or a call.
        /// </summary>
        private int ConcurrentStatement(ITokenStream input, int decision)
        {
            var first = input.LA(1);
            var labelled = IsIdentifier(first) && input.LA(2) == VhdlLexer.COLON;
            var k = labelled ? 3 : 1;
            var start = input.LA(k);
            switch (start)
            {
                case VhdlLexer.PROCESS:
                    return AltOf(decision, VhdlParser.RULE_process_statement);
                case VhdlLexer.BLOCK when labelled:
                    return AltOf(decision, VhdlParser.RULE_block_statement);
                case VhdlLexer.FOR or VhdlLexer.IF or VhdlLexer.CASE when labelled:
                    return AltOf(decision, VhdlParser.RULE_generate_statement);
                case VhdlLexer.ENTITY or VhdlLexer.COMPONENT or VhdlLexer.CONFIGURATION when labelled:
                    return AltOf(decision, VhdlParser.RULE_component_instantiation_statement);
                case VhdlLexer.WITH:
                    return AltOf(decision, VhdlParser.RULE_concurrent_signal_assignment_statement);
            }

            if (!IsIdentifier(start) && start is not (VhdlLexer.LPAREN or VhdlLexer.DOUBLE_LESS))
            {
                return 0;
            }

            var at = Scan(input, k, _concurrentStops);
            return at < 0 ? 0 : input.LA(at) switch
            {
                VhdlLexer.LE => AltOf(decision, VhdlParser.RULE_concurrent_signal_assignment_statement),
                VhdlLexer.GENERIC or VhdlLexer.PORT when labelled => AltOf(decision, VhdlParser.RULE_component_instantiation_statement),
                VhdlLexer.SEMI when !labelled && IsIdentifier(start) => AltOf(decision, VhdlParser.RULE_concurrent_procedure_call_statement),
                _ => 0,
            };
        }

        /// <summary>`formal => actual` has its arrow before the next comma or the list's closing parenthesis.</summary>
        private int AssociationElement(ITokenStream input, int decision)
        {
            var at = Scan(input, 1, _associationStops);
            return at < 0 ? 0 : input.LA(at) switch
            {
                VhdlLexer.ARROW => _yesAlt[decision],
                VhdlLexer.COMMA or VhdlLexer.RPAREN => _noAlt[decision],
                _ => 0,
            };
        }

        /// <summary>A subprogram specification ends in `;` (declaration), `is new` (instantiation) or `is` (body).</summary>
        private int DeclarativeItem(ITokenStream input, int decision, int next)
        {
            switch (next)
            {
                case VhdlLexer.PROCEDURE or VhdlLexer.FUNCTION or VhdlLexer.PURE or VhdlLexer.IMPURE:
                    var at = Scan(input, 2, _subprogramStops);
                    if (at < 0)
                    {
                        return 0;
                    }

                    if (input.LA(at) == VhdlLexer.SEMI)
                    {
                        return AltOf(decision, VhdlParser.RULE_subprogram_declaration);
                    }

                    if (input.LA(at) != VhdlLexer.IS)
                    {
                        return 0;
                    }

                    return input.LA(at + 1) != VhdlLexer.NEW ? AltOf(decision, VhdlParser.RULE_subprogram_body)
                        : next is VhdlLexer.PROCEDURE or VhdlLexer.FUNCTION ? AltOf(decision, VhdlParser.RULE_subprogram_instantiation_declaration) : 0;
                case VhdlLexer.PACKAGE:
                    if (input.LA(2) == VhdlLexer.BODY)
                    {
                        return AltOf(decision, VhdlParser.RULE_package_body);
                    }

                    if (!IsIdentifier(input.LA(2)) || input.LA(3) != VhdlLexer.IS)
                    {
                        return 0;
                    }

                    return AltOf(decision, input.LA(4) == VhdlLexer.NEW ? VhdlParser.RULE_package_instantiation_declaration : VhdlParser.RULE_package_declaration);
                default:
                    return 0;
            }
        }

        /// <summary>`resolved std_logic`: a resolution function's name is followed by the type mark's name.</summary>
        private int ResolutionIndication(ITokenStream input, int decision, int next)
        {
            if (!IsIdentifier(next))
            {
                return 0;
            }

            var end = SkipName(input, 1);
            return end < 0 ? 0 : IsIdentifier(input.LA(end)) ? _yesAlt[decision] : _noAlt[decision];
        }

        private int AltOf(int decision, int rule) => _altByRule[decision].GetValueOrDefault(rule);

        /// <summary>
        /// The position after the name that starts at LA(<paramref name="from"/>) (an identifier, then selections,
        /// parenthesised suffixes and attributes), or -1 where the shape is not that simple (a signature, a long name).
        /// </summary>
        private static int SkipName(ITokenStream input, int from)
        {
            var i = from + 1;
            while (i < from + ScanLimit)
            {
                switch (input.LA(i))
                {
                    case VhdlLexer.DOT when input.LA(i + 1) is VhdlLexer.BASIC_IDENTIFIER or VhdlLexer.EXTENDED_IDENTIFIER or VhdlLexer.ALL
                        or VhdlLexer.CHARACTER_LITERAL or VhdlLexer.STRING_LITERAL:
                        i += 2;
                        continue;
                    case VhdlLexer.TICK when input.LA(i + 1) is VhdlLexer.BASIC_IDENTIFIER or VhdlLexer.EXTENDED_IDENTIFIER or VhdlLexer.RANGE or VhdlLexer.SUBTYPE:
                        i += 2;
                        continue;
                    case VhdlLexer.TICK when input.LA(i + 1) == VhdlLexer.LPAREN:
                        i = Close(input, i + 1);
                        break;
                    case VhdlLexer.LPAREN:
                        i = Close(input, i);
                        break;
                    case VhdlLexer.DOT or VhdlLexer.TICK or VhdlLexer.LBRACKET:
                        return -1;
                    default:
                        return i;
                }

                if (i < 0)
                {
                    return -1;
                }
            }

            return -1;
        }

        /// <summary>The position after the bracket that closes the one at LA(<paramref name="open"/>), or -1.</summary>
        private static int Close(ITokenStream input, int open)
        {
            var level = 0;
            for (var i = open; i < open + ScanLimit; i++)
            {
                switch (input.LA(i))
                {
                    case TokenConstants.EOF:
                        return -1;
                    case VhdlLexer.LPAREN or VhdlLexer.LBRACKET or VhdlLexer.LBRACE:
                        level++;
                        break;
                    case VhdlLexer.RPAREN or VhdlLexer.RBRACKET or VhdlLexer.RBRACE:
                        if (--level == 0)
                        {
                            return i + 1;
                        }

                        break;
                }
            }

            return -1;
        }

        /// <summary>
        /// From LA(<paramref name="from"/>), the position of the first token outside brackets that is one of
        /// <paramref name="stops"/> or closes a bracket opened before; -1 at the end of input or past the scan limit.
        /// </summary>
        private static int Scan(ITokenStream input, int from, bool[] stops)
        {
            var level = 0;
            for (var i = from; i < from + ScanLimit; i++)
            {
                var token = input.LA(i);
                switch (token)
                {
                    case TokenConstants.EOF:
                        return -1;
                    case VhdlLexer.LPAREN or VhdlLexer.LBRACKET or VhdlLexer.LBRACE:
                        level++;
                        continue;
                    case VhdlLexer.RPAREN or VhdlLexer.RBRACKET or VhdlLexer.RBRACE:
                        if (level == 0)
                        {
                            return i;
                        }

                        level--;
                        continue;
                }

                if (level == 0 && (uint)token < (uint)stops.Length && stops[token])
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool[] Stops(int width, params int[] tokens)
        {
            var stops = new bool[width];
            foreach (var token in tokens)
            {
                stops[token] = true;
            }

            return stops;
        }

        private static bool IsIdentifier(int token) => token is VhdlLexer.BASIC_IDENTIFIER or VhdlLexer.EXTENDED_IDENTIFIER;

        /// <summary>`(label COLON)?`: two alternatives, the first calls `label` and then expects a colon.</summary>
        private static bool IsOptionalLabel(DecisionState state)
        {
            if (state.NumberOfTransitions != 2)
            {
                return false;
            }

            for (var alt = 0; alt < 2; alt++)
            {
                if (SkipEpsilon(state.Transition(alt).target) is { } s && s.Transition(0) is Antlr4.Runtime.Atn.RuleTransition { target.ruleIndex: VhdlParser.RULE_label } call
                    && SkipEpsilon(call.followState) is { } after && after.Transition(0) is AtomTransition { token: VhdlLexer.COLON })
                {
                    return true;
                }
            }

            return false;
        }
    }
}

// The generated part of this class carries [CLSCompliant(false)], which this assembly does not need (as there).
#pragma warning disable CS3021

/// <summary>Access to the generated parser's shared prediction state, for <see cref="VhdlPrediction"/>.</summary>
internal partial class VhdlParser
{
    public static ATN GrammarAtn => _ATN;

    /// <summary>A parser whose SLL stage uses <see cref="VhdlPrediction"/>; the DFA cache is the one all parsers share.</summary>
    public static VhdlParser WithShortcuts(ITokenStream input)
    {
        var parser = new VhdlParser(input);
        parser.Interpreter = new VhdlPrediction(parser, _ATN, decisionToDFA, sharedContextCache);
        return parser;
    }
}
