using System.Collections.Immutable;
using Hdl.Design.Model;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Text;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Elaboration;

/// <summary>How an instance's unit was found, or why it was not.</summary>
public enum InstanceResolution
{
    Resolved,

    /// <summary>No unit of that name in the workspace (a missing file, a vendor primitive, a typo).</summary>
    Unresolved,

    /// <summary>A Verilog gate (and, nand, bufif0, ...): a leaf by definition.</summary>
    Primitive,

    /// <summary>A VHDL configuration instance; shown as a leaf, configurations are not applied yet.</summary>
    Configuration,

    /// <summary>The unit instantiates itself through this instance; the branch stops here.</summary>
    Recursive,

    /// <summary>The hierarchy is deeper than <see cref="ElaborationOptions.MaxDepth"/>; the branch stops here.</summary>
    TooDeep,
}

/// <summary>A parameter or generic of an elaborated instance: where its value came from and the value when computable.</summary>
public sealed record ParameterValue(string Name, string? Expression, ConstantValue? Value, bool IsOverridden, bool IsLocal);

/// <summary>A port of an elaborated instance with its width in bits when the parameters make it computable.</summary>
public sealed record PortValue(string Name, PortDirection Direction, string Type, int? Width);

/// <summary>
/// One node of the elaborated hierarchy: an instance (or a top) with the unit it resolved to, its parameters as
/// elaborated there, its ports with widths, and its children. Instances in generate blocks are named by their scope
/// path (`g_trace.u_irq_trace`); one inside a for-generate appears once, with its loop in <see cref="Loops"/>.
/// Identical subtrees (same unit, same parameter values) are shared, so the tree is stored as a DAG.
/// </summary>
public sealed record HierarchyNode(string Name, string UnitName, InstanceResolution Resolution)
{
    /// <summary>The module, interface, program or VHDL entity the instance binds to.</summary>
    public IndexedUnit? Unit { get; init; }

    /// <summary>For a VHDL entity, the architecture elaborated (named in the instance, or the most recently analysed).</summary>
    public IndexedUnit? Architecture { get; init; }

    /// <summary>Where the instance is written; null for a top.</summary>
    public Location? Location { get; init; }

    /// <summary>The generate scope the instance is in (`g_trace`, `g_outer.g_inner`), null at unit level.</summary>
    public string? Scope { get; init; }

    /// <summary>The for-generate loops around the instance, outermost first, each as `label: header`.</summary>
    public ImmutableArray<string> Loops { get; init; } = [];

    /// <summary>If/case-generate conditions that could not be evaluated, so the instance may or may not exist.</summary>
    public ImmutableArray<string> Conditions { get; init; } = [];

    public ImmutableArray<ParameterValue> Parameters { get; init; } = [];

    public ImmutableArray<PortValue> Ports { get; init; } = [];

    public ImmutableArray<HierarchyNode> Children { get; init; } = [];

    /// <summary>The instance name without its generate scope.</summary>
    public string InstanceName => Scope is null ? Name : Name[(Scope.Length + 1)..];
}

/// <summary>The elaborated design: one tree per top unit, and what elaboration found wrong.</summary>
public sealed record InstanceHierarchy(ImmutableArray<HierarchyNode> Tops, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>Instances below the tops, counting every path through shared subtrees (for-generates once).</summary>
    public long InstanceCount => Tops.Sum(CountBelow);

    private static long CountBelow(HierarchyNode node)
    {
        long count = 0;
        foreach (var child in node.Children)
        {
            count += 1 + CountBelow(child);
        }

        return count;
    }
}

/// <summary>What to elaborate.</summary>
public sealed record ElaborationOptions
{
    public static readonly ElaborationOptions Default = new();

    /// <summary>Top units by name; empty means every unit nobody instantiates.</summary>
    public ImmutableArray<string> Tops { get; init; } = [];

    /// <summary>Hierarchy depth at which a branch stops, so a runaway (recursive) design cannot hang elaboration.</summary>
    public int MaxDepth { get; init; } = 64;
}
