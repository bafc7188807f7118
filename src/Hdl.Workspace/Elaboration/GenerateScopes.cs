using System.Collections.Immutable;
using Hdl.Design.Model;

namespace Hdl.Workspace.Elaboration;

/// <summary>
/// The generate blocks of one unit body, by scope path, and the choice of branches under a parameter environment:
/// an if/elsif/else branch exists when every earlier condition is false and its own true (else: none true); a case
/// alternative when its choices match the expression and no earlier one does (`others`/`default`: none does). A
/// condition that is not computable keeps the branch, recorded for display, unless an earlier condition known true
/// or its own known false already drops it. VHDL branches share the generate's label, so the instance's position
/// says which alternative it is in; SystemVerilog branches are blocks of their own, grouped into their construct.
/// </summary>
internal sealed class GenerateScopes
{
    private readonly Dictionary<string, GenerateBlockSymbol> _blocks;
    private readonly Dictionary<GenerateBlockSymbol, List<GenerateBlockSymbol>> _constructs = new(ReferenceEqualityComparer.Instance);
    private readonly bool _isVhdl;

    public GenerateScopes(ImmutableArray<GenerateBlockSymbol> blocks, bool isVhdl)
    {
        _isVhdl = isVhdl;
        _blocks = new Dictionary<string, GenerateBlockSymbol>(isVhdl ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

        // A construct's blocks are recorded in order with branch 0, 1, ...; blocks nested in a branch have that
        // branch as their parent scope, so they never interleave with its siblings under one parent.
        var current = new Dictionary<string, List<GenerateBlockSymbol>>(StringComparer.Ordinal);
        foreach (var block in blocks)
        {
            _blocks.TryAdd(block.ParentScope is null ? block.Name : $"{block.ParentScope}.{block.Name}", block);
            var parent = block.ParentScope ?? string.Empty;
            if (block.Branch == 0 || !current.TryGetValue(parent, out var construct))
            {
                construct = [];
                current[parent] = construct;
            }

            construct.Add(block);
            _constructs[block] = construct;
        }
    }

    /// <summary>
    /// Whether the generate scope around an instance exists in this elaboration, the for-generate loops around it,
    /// and the conditions that could not be evaluated.
    /// </summary>
    public (bool Selected, ImmutableArray<string> Loops, ImmutableArray<string> Conditions) Select(InstanceSymbol instance, ParameterEnvironment environment)
    {
        var scope = instance.Scope;
        if (scope is null)
        {
            return (true, [], []);
        }

        var loops = ImmutableArray.CreateBuilder<string>();
        var conditions = ImmutableArray.CreateBuilder<string>();
        var end = 0;
        while (end >= 0)
        {
            end = scope.IndexOf('.', end + 1);
            var prefix = end < 0 ? scope : scope[..end];
            if (!_blocks.TryGetValue(prefix, out var block))
            {
                continue;
            }

            bool? taken;
            string? unknown;
            switch (block.Kind)
            {
                case GenerateKind.For:
                    loops.Add($"{block.Name}: {block.Condition}");
                    continue;
                case GenerateKind.If when !block.Alternatives.IsEmpty:
                    (taken, unknown) = VhdlIf(block, AlternativeOf(block, instance), environment);
                    break;
                case GenerateKind.If:
                    taken = environment.Evaluate(block.Condition)?.Truth is { } holds ? holds == (block.Branch == 0) : null;
                    unknown = $"{block.Name}: if {block.Condition}{(block.Branch > 0 ? " (else)" : string.Empty)}";
                    break;
                case GenerateKind.Case:
                    (taken, unknown) = Case(block, instance, environment);
                    break;
                default:
                    continue;
            }

            if (taken == false)
            {
                return (false, [], []);
            }

            if (taken is null)
            {
                conditions.Add(unknown!);
            }
        }

        return (true, loops.ToImmutable(), conditions.ToImmutable());
    }

    /// <summary>The alternative of a VHDL generate whose body holds the instance, or -1.</summary>
    public static int AlternativeOf(GenerateBlockSymbol block, InstanceSymbol instance)
    {
        for (var index = 0; index < block.Alternatives.Length; index++)
        {
            var location = block.Alternatives[index].Location;
            if (location.Path == instance.Location.Path && location.Span.Start <= instance.Location.Span.Start && instance.Location.Span.End <= location.Span.End)
            {
                return index;
            }
        }

        return -1;
    }

    private static (bool? Taken, string Unknown) VhdlIf(GenerateBlockSymbol block, int branch, ParameterEnvironment environment)
    {
        if (branch < 0)
        {
            return (null, $"{block.Name}: if {block.Condition}");
        }

        var own = block.Alternatives[branch];
        var unknown = own.Condition is null ? $"{block.Name}: else" : $"{block.Name}: {(branch == 0 ? "if" : "elsif")} {own.Condition}";
        var outcomes = block.Alternatives.Take(branch).Select(earlier => environment.Evaluate(earlier.Condition)?.Truth).ToList();
        outcomes.Add(own.Condition is null ? true : environment.Evaluate(own.Condition)?.Truth);
        return (Chosen(outcomes), unknown);
    }

    /// <summary>
    /// Whether the last of these branches is the one taken, given whether each holds (earlier ones first): not when
    /// an earlier one holds or it does not; yes when it holds and no earlier one does; otherwise unknown.
    /// </summary>
    private static bool? Chosen(List<bool?> holds)
    {
        var own = holds[^1];
        if (own == false || holds.Take(holds.Count - 1).Any(earlier => earlier == true))
        {
            return false;
        }

        return own == true && holds.Take(holds.Count - 1).All(earlier => earlier == false) ? true : null;
    }

    private (bool? Taken, string Unknown) Case(GenerateBlockSymbol block, InstanceSymbol instance, ParameterEnvironment environment)
    {
        var unknown = $"{block.Name}: case {block.Condition}";
        List<ImmutableArray<string>> alternatives;
        int own;
        if (_isVhdl)
        {
            alternatives = [.. block.Alternatives.Select(alternative => alternative.Choices)];
            own = AlternativeOf(block, instance);
        }
        else
        {
            var construct = _constructs[block];
            alternatives = [.. construct.Select(sibling => sibling.Choices)];
            own = construct.IndexOf(block);
        }

        if (own < 0 || alternatives[own].IsEmpty)
        {
            return (null, unknown);
        }

        var isDefault = alternatives[own].Any(IsDefault);
        var holds = new List<bool?>();
        for (var index = 0; index < alternatives.Count; index++)
        {
            // The default item takes part last, whatever its place: it holds when no other item does.
            if (index != own && !alternatives[index].Any(IsDefault) && (isDefault || index < own))
            {
                holds.Add(Matches(block.Condition, alternatives[index], environment));
            }
        }

        holds.Add(isDefault ? true : Matches(block.Condition, alternatives[own], environment));
        return (Chosen(holds), unknown);
    }

    private bool IsDefault(string choice) => string.Equals(choice, _isVhdl ? "others" : "default", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether any of the choices equals the case expression (ranges and the like are not computable).</summary>
    private bool? Matches(string? expression, ImmutableArray<string> choices, ParameterEnvironment environment)
    {
        var result = (bool?)false;
        foreach (var choice in choices)
        {
            if (IsDefault(choice))
            {
                continue;
            }

            var equal = environment.Evaluate($"({expression}) {(_isVhdl ? "=" : "==")} ({choice})")?.Truth;
            if (equal == true)
            {
                return true;
            }

            if (equal is null)
            {
                result = null;
            }
        }

        return result;
    }
}
