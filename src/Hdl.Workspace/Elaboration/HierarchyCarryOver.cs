using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Text;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Elaboration;

/// <summary>
/// Keeps an elaborated hierarchy for a later snapshot when no file changed anything elaboration reads
/// (<see cref="ElaborationSignature"/>): the tree is the same, only its nodes are pointed at the new snapshot's unit
/// objects (so what callers read through a node's unit, its processes and assignments, is the current text's) and
/// the instance sites and diagnostics that text inserted or deleted above them moved are moved with it.
/// </summary>
internal static class HierarchyCarryOver
{
    /// <summary>The hierarchy of <paramref name="before"/> made valid for <paramref name="after"/>, or null when it must be elaborated again.</summary>
    public static InstanceHierarchy? Carry(WorkspaceIndex before, WorkspaceIndex after, InstanceHierarchy hierarchy, CancellationToken cancellationToken)
    {
        var moved = new Dictionary<IndexedUnit, IndexedUnit>(ReferenceEqualityComparer.Instance);
        var locations = new Dictionary<Location, Location>();
        foreach (var file in after.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var old = before.GetFile(file.Path);
            if (!ElaborationSignature.Same(old, file, locations))
            {
                return null;
            }

            var oldUnits = before.Units.UnitsOf(file.Path);
            var newUnits = after.Units.UnitsOf(file.Path);
            for (var at = 0; at < newUnits.Length; at++)
            {
                if (!ReferenceEquals(oldUnits[at], newUnits[at]))
                {
                    moved[oldUnits[at]] = newUnits[at];
                }
            }
        }

        foreach (var file in before.Files)
        {
            if (after.GetFile(file.Path) is null && file.Design is { Units.IsEmpty: false })
            {
                return null;
            }
        }

        if (moved.Count == 0 && locations.Count == 0)
        {
            return hierarchy;
        }

        var remapped = new Dictionary<HierarchyNode, HierarchyNode>(ReferenceEqualityComparer.Instance);
        return new InstanceHierarchy(
            [.. hierarchy.Tops.Select(top => Remap(top, moved, locations, remapped))],
            locations.Count == 0 ? hierarchy.Diagnostics : [.. hierarchy.Diagnostics.Select(diagnostic => Move(diagnostic, locations))]);
    }

    /// <summary>
    /// The node with its units and site replaced; shared subtrees stay shared, and a subtree in which nothing changed
    /// is the very same object (an edit usually touches the instances of one file out of a hundred thousand).
    /// </summary>
    private static HierarchyNode Remap(HierarchyNode node, Dictionary<IndexedUnit, IndexedUnit> moved, Dictionary<Location, Location> locations, Dictionary<HierarchyNode, HierarchyNode> remapped)
    {
        var leaf = node.Children.IsEmpty;
        if (!leaf && remapped.TryGetValue(node, out var done))
        {
            return done;
        }

        var unit = node.Unit is not null && moved.TryGetValue(node.Unit, out var newUnit) ? newUnit : node.Unit;
        var architecture = node.Architecture is not null && moved.TryGetValue(node.Architecture, out var newArchitecture) ? newArchitecture : node.Architecture;
        var location = node.Location is { } site && locations.TryGetValue(site, out var newSite) ? newSite : node.Location;
        HierarchyNode[]? children = null;
        for (var at = 0; at < node.Children.Length; at++)
        {
            var child = node.Children[at];
            var now = Remap(child, moved, locations, remapped);
            if (!ReferenceEquals(now, child))
            {
                children ??= [.. node.Children];
                children[at] = now;
            }
        }

        // `==` on the nullable location: object.Equals would box both sides, once per node of a 100,000-node tree.
        var result = children is null && ReferenceEquals(unit, node.Unit) && ReferenceEquals(architecture, node.Architecture) && location == node.Location
            ? node
            : node with { Unit = unit, Architecture = architecture, Location = location, Children = children is null ? node.Children : [.. children] };
        if (!leaf)
        {
            remapped[node] = result;
        }

        return result;
    }

    /// <summary>The diagnostic with its locations moved; the same object when none of them moved (most, after a one-file edit).</summary>
    private static Diagnostic Move(Diagnostic diagnostic, Dictionary<Location, Location> locations)
    {
        var moved = locations.ContainsKey(diagnostic.Location);
        foreach (var related in diagnostic.Related)
        {
            moved |= locations.ContainsKey(related.Location);
        }

        return !moved ? diagnostic : diagnostic with
        {
            Location = locations.GetValueOrDefault(diagnostic.Location, diagnostic.Location),
            Related = [.. diagnostic.Related.Select(related => related with { Location = locations.GetValueOrDefault(related.Location, related.Location) })],
        };
    }
}
