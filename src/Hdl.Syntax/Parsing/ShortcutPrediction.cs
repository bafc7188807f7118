using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Dfa;

namespace Hdl.Syntax.Parsing;

/// <summary>
/// The prediction of a generated parser with cheaper answers for the decisions whose SLL prediction costs most: the
/// grammar's first-token table for every decision, then the language's own shortcuts, then ANTLR.
/// </summary>
/// <remarks>
/// The shortcuts are used only in the first, SLL stage of <see cref="TwoStageParse"/>, and each answers what a
/// successful parse must take: if one ever picks an alternative the input does not fit, the SLL stage fails as it does
/// on any error, and the LL stage (ANTLR's prediction, with recovery) parses the file. So the accepted language, the
/// trees of valid input and the diagnostics are those of the grammar.
/// </remarks>
internal abstract class ShortcutPrediction(Parser parser, ATN atn, DFA[] decisionToDFA, PredictionContextCache sharedContextCache)
    : ParserATNSimulator(parser, atn, decisionToDFA, sharedContextCache)
{
    /// <summary>The grammar's table of alternatives that the next token alone selects.</summary>
    protected abstract FirstTokenTable FirstToken { get; }

    public sealed override int AdaptivePredict(ITokenStream input, int decision, ParserRuleContext outerContext)
    {
        var next = input.LA(1);
        if (PredictionMode != PredictionMode.SLL)
        {
            // Full LL with recovery: only the answers ANTLR would give after one token, so errors are found where
            // ANTLR finds them.
            var exact = FirstToken.Lookup(decision, next, exact: true);
            return exact != 0 ? exact : base.AdaptivePredict(input, decision, outerContext);
        }

        var alt = FirstToken.Lookup(decision, next, exact: false);
        if (alt == 0)
        {
            alt = Shortcut(input, decision, next, outerContext);
        }

        return alt != 0 ? alt : base.AdaptivePredict(input, decision, outerContext);
    }

    /// <summary>The language's answer for a decision the first token does not settle, or 0 to leave it to ANTLR.</summary>
    protected abstract int Shortcut(ITokenStream input, int decision, int next, ParserRuleContext outerContext);
}

/// <summary>How an alternative of the grammar's ATN starts, read through its epsilon steps (to find the alternatives a shortcut answers).</summary>
internal static class AtnPaths
{
    /// <summary>The token an alternative starts with, through epsilon steps only; 0 if it starts otherwise.</summary>
    public static int FirstAtom(ATNState state) => SkipEpsilon(state)?.Transition(0) is AtomTransition atom ? atom.token : 0;

    /// <summary>The rule an alternative calls right after its first token, or -1.</summary>
    public static int RuleAfterFirstAtom(ATNState state) => SkipEpsilon(state)?.Transition(0) is AtomTransition atom ? FirstRule(atom.target) : -1;

    /// <summary>The rule an alternative starts by calling, or -1.</summary>
    public static int FirstRule(ATNState state) => SkipEpsilon(state)?.Transition(0) is RuleTransition call ? call.target.ruleIndex : -1;

    /// <summary>The first state of an alternative with a single outgoing step that is not a plain epsilon step, or null.</summary>
    public static ATNState? SkipEpsilon(ATNState state)
    {
        var s = state;
        for (var steps = 0; steps < 16 && s.NumberOfTransitions == 1 && s.Transition(0).IsEpsilon && s.Transition(0) is not RuleTransition; steps++)
        {
            s = s.Transition(0).target;
        }

        return s.NumberOfTransitions == 1 ? s : null;
    }
}
