using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;

namespace Hdl.Syntax.Parsing;

/// <summary>
/// For every decision of a grammar, the alternative that the next token alone selects, where exactly one alternative
/// can start with it. ANTLR calls adaptive prediction for every decision it could not prove LL(1) as a whole, and
/// builds a DFA state for each new (decision, token) it meets; in SLL mode each such state chases the global follow of
/// the rule, which for `expression` or `primary` means every place they are used. Where one token already leaves a
/// single viable alternative, the answer is the same without that work.
/// </summary>
/// <remarks>
/// An alternative that can reach the end of its rule without a token (an optional part, a loop exit) may be followed
/// by anything, so it counts as a candidate for every token. Predicates are seen through: the only predicates in
/// these grammars are the precedence predicates of left-recursive rules, which sit inside a loop whose exit is such an
/// "anything" alternative, so a token an operator and the exit share always goes to ANTLR.
/// </remarks>
internal sealed class FirstTokenTable
{
    /// <summary>
    /// Per decision, by token type + 1 (index 0 is end of file): the alternative that alone can start with the token;
    /// negative when that alternative is one that can be followed by anything (then the token may also be an error,
    /// which ANTLR would report at this decision); 0 means "ask ANTLR".
    /// </summary>
    private readonly short[][] _altByToken;

    /// <summary>
    /// For the loop of a left-recursive rule (enter = 1, exit = 2), by token type + 1: the precedence of the one
    /// operator alternative that starts with the token, or -1. Null for other decisions.
    /// </summary>
    private readonly short[]?[] _precedenceByToken;

    public FirstTokenTable(ATN atn)
    {
        var analyzer = new LL1Analyzer(atn);
        var width = atn.maxTokenType + 2;
        var outsideFollow = OutsideFollowSets(atn, analyzer);
        _altByToken = new short[atn.NumberOfDecisions][];
        _precedenceByToken = new short[]?[atn.NumberOfDecisions];
        for (var decision = 0; decision < atn.NumberOfDecisions; decision++)
        {
            var state = atn.GetDecisionState(decision);
            var table = new short[width];
            var alternatives = state.NumberOfTransitions;
            var sets = new IntervalSet[alternatives];
            var anything = new List<int>();
            for (var alt = 0; alt < alternatives; alt++)
            {
                sets[alt] = analyzer.Look(state.Transition(alt).target, null, (RuleContext?)null);
                if (sets[alt].Contains(TokenConstants.EPSILON))
                {
                    anything.Add(alt + 1);
                }
            }

            for (var token = TokenConstants.EOF; token <= atn.maxTokenType; token++)
            {
                if (token == TokenConstants.InvalidType)
                {
                    continue;
                }

                var chosen = 0;
                var candidates = anything.Count;
                if (candidates == 1)
                {
                    chosen = anything[0];
                }

                for (var alt = 0; alt < alternatives && candidates <= 1; alt++)
                {
                    if (!anything.Contains(alt + 1) && sets[alt].Contains(token))
                    {
                        candidates++;
                        chosen = alt + 1;
                    }
                }

                table[token + 1] = candidates != 1 ? (short)0 : anything.Contains(chosen) ? (short)-chosen : (short)chosen;
            }

            _altByToken[decision] = table;
            if (state is StarLoopEntryState { isPrecedenceDecision: true } && alternatives == 2)
            {
                _precedenceByToken[decision] = OperatorPrecedences(analyzer, state.Transition(0).target, width, outsideFollow[state.ruleIndex]);
            }
        }
    }

    /// <summary>
    /// The alternative the token alone selects at the decision, or 0 when more than one (or none) can start with it.
    /// With <paramref name="exact"/>, also 0 where the token selects an optional part's exit only because nothing
    /// else can start with it (an error there would be reported later than ANTLR reports it).
    /// </summary>
    public int Lookup(int decision, int tokenType, bool exact)
    {
        var table = _altByToken[decision];
        var index = tokenType + 1;
        var alt = (uint)index < (uint)table.Length ? table[index] : 0;
        return alt >= 0 ? alt : exact ? 0 : -alt;
    }

    /// <summary>
    /// At the loop of a left-recursive rule, the precedence of the operator the token starts, or -1 (not such a loop,
    /// not an operator of it). Entering the loop is viable exactly when the parser's precedence predicate holds for it.
    /// </summary>
    public int OperatorPrecedence(int decision, int tokenType)
    {
        var table = _precedenceByToken[decision];
        var index = tokenType + 1;
        return table is not null && (uint)index < (uint)table.Length ? table[index] : -1;
    }

    private static short[] OperatorPrecedences(LL1Analyzer analyzer, ATNState loopBlock, int width, IntervalSet outsideFollow)
    {
        var table = new short[width];
        Array.Fill(table, (short)-1);
        for (var alt = 0; alt < loopBlock.NumberOfTransitions; alt++)
        {
            var start = loopBlock.Transition(alt).target;
            if (start.NumberOfTransitions != 1 || start.Transition(0) is not PrecedencePredicateTransition predicate)
            {
                return NoOperators(table);
            }

            foreach (var token in analyzer.Look(start, null, (RuleContext?)null).ToList())
            {
                if (token < TokenConstants.EOF || token + 1 >= width)
                {
                    return NoOperators(table);
                }

                // A token two operators share, or one that can also come right after the rule where another rule calls it
                // (`a -> b` in an expression and `c -> soft d` in a constraint, `a[1]` and `a[*2]`), is left to ANTLR.
                table[token + 1] = table[token + 1] == -1 && !outsideFollow.Contains(token) ? (short)predicate.precedence : (short)-2;
            }
        }

        for (var i = 0; i < table.Length; i++)
        {
            table[i] = table[i] < 0 ? (short)-1 : table[i];
        }

        return table;
    }

    /// <summary>
    /// Per rule, the tokens that can come right after it where another rule calls it (its own recursive calls left
    /// out, as their follow is the operator loop that precedence decides). Follow through the end of the caller is
    /// left out too: every rule that ends with an operand (a primary, `tagged X e`) would bring in every operator.
    /// A construct that continues differently after an operator token only through such an end makes the SLL stage
    /// fail and is parsed by the LL stage (bench/parse-throughput/results.md: 10 of 3,924 opentitan files).
    /// </summary>
    private static IntervalSet[] OutsideFollowSets(ATN atn, LL1Analyzer analyzer)
    {
        var outside = new IntervalSet[atn.ruleToStartState.Length];
        for (var r = 0; r < outside.Length; r++)
        {
            outside[r] = new IntervalSet();
        }

        // The operators of each left-recursive rule's own loop: after an operand there, they are that rule's
        // operators, which precedence decides in the same way (`&&` after an expression in a cross select).
        var loopOperators = new IntervalSet[outside.Length];
        for (var r = 0; r < outside.Length; r++)
        {
            loopOperators[r] = new IntervalSet();
        }

        foreach (var state in atn.states)
        {
            if (state is StarLoopEntryState { isPrecedenceDecision: true } loop)
            {
                loopOperators[loop.ruleIndex].AddAll(analyzer.Look(loop.Transition(0).target, null, (RuleContext?)null));
            }
        }

        foreach (var state in atn.states)
        {
            for (var i = 0; state is not null && i < state.NumberOfTransitions; i++)
            {
                if (state.Transition(i) is RuleTransition call && call.target.ruleIndex != state.ruleIndex)
                {
                    var next = analyzer.Look(call.followState, null, (RuleContext?)null);
                    outside[call.target.ruleIndex].AddAll(next.Subtract(loopOperators[state.ruleIndex]));
                }
            }
        }

        return outside;
    }

    private static short[] NoOperators(short[] table)
    {
        Array.Fill(table, (short)-1);
        return table;
    }

}
