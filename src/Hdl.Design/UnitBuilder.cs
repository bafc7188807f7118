using Hdl.Design.Model;
using Hdl.Syntax;
using Hdl.Syntax.Text;

namespace Hdl.Design;

/// <summary>Collects one unit's items while a builder walks its tree; frozen into a <see cref="DesignUnitSymbol"/> at the end.</summary>
internal sealed class UnitBuilder(DesignUnitKind kind, string name, Location nameLocation, Location extent)
{
    private int _generateNumber;

    public DesignUnitKind Kind { get; } = kind;

    public string Name { get; } = name;

    public string? Owner { get; set; }

    public string? Library { get; set; }

    public string? Documentation { get; set; }

    /// <summary>
    /// The header had a parameter port list (even an empty <c>#()</c>): the standard then makes every
    /// <c>parameter</c> declared in the body a local parameter (IEEE 1800-2017 6.20.1).
    /// </summary>
    public bool HasParameterPortList { get; set; }

    public List<ParameterSymbol> Parameters { get; } = [];

    public List<PortSymbol> Ports { get; } = [];

    public List<DeclarationSymbol> Declarations { get; } = [];

    public List<ProcessSymbol> Processes { get; } = [];

    public List<AssignmentSymbol> ContinuousAssignments { get; } = [];

    public List<InstanceSymbol> Instances { get; } = [];

    public List<GenerateBlockSymbol> GenerateBlocks { get; } = [];

    public List<SubprogramSymbol> Subprograms { get; } = [];

    public List<ImportSymbol> Imports { get; } = [];

    public bool HasContent =>
        Parameters.Count + Declarations.Count + Processes.Count + ContinuousAssignments.Count + Instances.Count + Subprograms.Count + Imports.Count > 0;

    /// <summary>The standard numbers unnamed generate blocks genblk1, genblk2, ... in order of appearance in the unit.</summary>
    public int NextGenerateNumber() => ++_generateNumber;

    /// <summary>Completes a port named in a non-ANSI header; false when no such port was named.</summary>
    public bool SetPortDirection(string portName, PortDirection direction, TypeSymbol type)
    {
        for (var i = 0; i < Ports.Count; i++)
        {
            if (Ports[i].Name == portName)
            {
                Ports[i] = Ports[i] with { Direction = direction, Type = type };
                return true;
            }
        }

        return false;
    }

    public DesignUnitSymbol ToSymbol(HdlLanguage language) => new(Kind, Name, language, nameLocation, extent)
    {
        Owner = Owner,
        Library = Library,
        Documentation = Documentation,
        Parameters = [.. Parameters],
        Ports = [.. Ports],
        Declarations = [.. Declarations],
        Processes = [.. Processes],
        ContinuousAssignments = [.. ContinuousAssignments],
        Instances = [.. Instances],
        GenerateBlocks = [.. GenerateBlocks],
        Subprograms = [.. Subprograms],
        Imports = [.. Imports],
    };
}
