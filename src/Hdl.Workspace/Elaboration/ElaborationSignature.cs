using Hdl.Design;
using Hdl.Design.Model;
using Hdl.Syntax.Text;
using Hdl.Workspace.Index;
using Hdl.Workspace.Parsing;
using Hdl.Workspace.Storage;

namespace Hdl.Workspace.Elaboration;

/// <summary>
/// What elaboration reads of a file's design model, as bytes: units with their kind, name, library, owner, name
/// location, imports, parameters, ports, instances, generate blocks and unit-level constants, with the positions of
/// locations left out and listed apart. Two versions of a file with equal signatures elaborate alike except for the
/// positions, which the lists pair, so a body edit keeps the hierarchy. The bytes are the stored index format of the
/// model with everything else removed, so a property added to the model and written by the format is compared here too.
/// </summary>
internal static class ElaborationSignature
{
    public static byte[] Of(IndexedFile? file, List<Location> locations)
    {
        if (file?.Design is not { } design)
        {
            return [];
        }

        var units = design.Units.Select(unit => unit with
        {
            Extent = default,
            Documentation = null,

            // A comment typed above a port becomes its documentation, which elaboration does not read.
            Ports = [.. unit.Ports.Select(port => port with { Documentation = null })],
            Declarations = [.. unit.Declarations
                .Where(declaration => declaration.Kind is DeclarationKind.Constant or DeclarationKind.EnumMember && declaration.Scope is null)
                .Select(declaration => declaration with { Location = default, Documentation = null })],
            Processes = [],
            ContinuousAssignments = [],

            // Functions elaboration can evaluate, by what they return.
            Subprograms = [.. unit.Subprograms
                .Where(subprogram => subprogram.ReturnExpression is not null)
                .Select(subprogram => subprogram with { Documentation = null, Arguments = [.. subprogram.Arguments.Select(argument => argument with { Documentation = null })] })],
            References = [],
            Definitions = [],
        });
        var stripped = new DesignFile(design.Path, design.Language, [.. units], []);
        var bytes = IndexedFileFormat.Write(new IndexedFile(file.Path, file.Language, FileParseOutcome.Parsed, string.Empty, 0, [], stripped, null), locations);
        return [.. bytes, .. AlternativesOfInstances(design)];
    }

    /// <summary>
    /// Which VHDL generate alternative each instance is in: positions are compared apart, so an instance moved from
    /// a generate's `if` branch to its `else` branch would otherwise leave the signature unchanged.
    /// </summary>
    private static IEnumerable<byte> AlternativesOfInstances(DesignFile design)
    {
        foreach (var unit in design.Units)
        {
            foreach (var block in unit.GenerateBlocks.Where(block => !block.Alternatives.IsEmpty))
            {
                foreach (var instance in unit.Instances)
                {
                    yield return (byte)(GenerateScopes.AlternativeOf(block, instance) + 1);
                }
            }
        }
    }

    /// <summary>
    /// True when the two versions elaborate alike; <paramref name="moved"/> gets each location of the old version that
    /// is elsewhere in the new one. False also when one old location would move to two places.
    /// </summary>
    public static bool Same(IndexedFile? before, IndexedFile? after, Dictionary<Location, Location> moved)
    {
        if (ReferenceEquals(before?.Design, after?.Design))
        {
            return true;
        }

        var oldLocations = new List<Location>();
        var newLocations = new List<Location>();
        if (!Of(before, oldLocations).AsSpan().SequenceEqual(Of(after, newLocations)) || oldLocations.Count != newLocations.Count)
        {
            return false;
        }

        for (var at = 0; at < oldLocations.Count; at++)
        {
            if (oldLocations[at] == newLocations[at])
            {
                continue;
            }

            if (moved.TryGetValue(oldLocations[at], out var already) ? already != newLocations[at] : !moved.TryAdd(oldLocations[at], newLocations[at]))
            {
                return false;
            }
        }

        return true;
    }
}
