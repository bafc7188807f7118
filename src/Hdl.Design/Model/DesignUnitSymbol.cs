using System.Collections.Immutable;
using Hdl.Syntax;
using Hdl.Syntax.Text;

namespace Hdl.Design.Model;

/// <summary>The kinds of design unit both languages have, in one list so later layers are written once.</summary>
public enum DesignUnitKind
{
    Module,
    Interface,
    Program,
    Package,
    Class,
    Checker,
    Primitive,
    Config,
    Entity,
    Architecture,
    PackageBody,
    Configuration,
    Context,
}

/// <summary>
/// One design unit (module, interface, entity, architecture, package, ...) with everything declared in it.
/// Items inside generate blocks are listed here too, each naming its generate scope.
/// </summary>
public sealed record DesignUnitSymbol(
    DesignUnitKind Kind,
    string Name,
    HdlLanguage Language,
    Location NameLocation,
    Location Extent)
{
    /// <summary>The unit this one belongs to: an architecture's entity, a package body's package.</summary>
    public string? Owner { get; init; }

    /// <summary>The VHDL library the unit is compiled into (work unless configured); null for Verilog.</summary>
    public string? Library { get; init; }

    /// <summary>Comments written right before the unit: what the author says it does.</summary>
    public string? Documentation { get; init; }

    public ImmutableArray<ParameterSymbol> Parameters { get; init; } = [];

    public ImmutableArray<PortSymbol> Ports { get; init; } = [];

    public ImmutableArray<DeclarationSymbol> Declarations { get; init; } = [];

    public ImmutableArray<ProcessSymbol> Processes { get; init; } = [];

    /// <summary>Continuous assignments (Verilog assign, VHDL concurrent signal assignments).</summary>
    public ImmutableArray<AssignmentSymbol> ContinuousAssignments { get; init; } = [];

    public ImmutableArray<InstanceSymbol> Instances { get; init; } = [];

    public ImmutableArray<GenerateBlockSymbol> GenerateBlocks { get; init; } = [];

    public ImmutableArray<SubprogramSymbol> Subprograms { get; init; } = [];

    public ImmutableArray<ImportSymbol> Imports { get; init; } = [];

    /// <summary>Every identifier use in the unit, with the declaration it binds to when binding found one.</summary>
    public ImmutableArray<ReferenceSymbol> References { get; init; } = [];

    /// <summary>Every name the unit declares, its nested scopes included (function locals, generate blocks, fields).</summary>
    public ImmutableArray<DefinitionSymbol> Definitions { get; init; } = [];
}
