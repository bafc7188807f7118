using System.Collections.Immutable;
using Hdl.Syntax.Text;

namespace Hdl.Design.Model;

public enum PortDirection
{
    In,
    Out,
    InOut,
    Ref,
    Buffer,
    Linkage,

    /// <summary>An interface port (`bus_if.master m`): direction comes from the modport.</summary>
    Interface,
}

/// <summary>A type as written, with its dimensions and, where constant evaluation could compute it, its width.</summary>
public sealed record TypeSymbol(string Text)
{
    public ImmutableArray<string> PackedDimensions { get; init; } = [];

    public ImmutableArray<string> UnpackedDimensions { get; init; } = [];

    /// <summary>Total width in bits when computable from constants and parameters; null otherwise.</summary>
    public int? Width { get; init; }

    public static readonly TypeSymbol Implicit = new(string.Empty);
}

public sealed record PortSymbol(string Name, PortDirection Direction, TypeSymbol Type, Location Location)
{
    public string? Documentation { get; init; }
}

/// <summary>A parameter, localparam or VHDL generic; type parameters have <see cref="IsType"/> set.</summary>
public sealed record ParameterSymbol(string Name, TypeSymbol Type, string? DefaultValue, Location Location)
{
    public bool IsLocal { get; init; }

    public bool IsType { get; init; }

    /// <summary>The default's value when constant evaluation could compute it.</summary>
    public long? Value { get; init; }
}

public enum DeclarationKind
{
    Net,
    Variable,
    Signal,
    Constant,
    SharedVariable,
    File,
    Alias,
    Type,
    Subtype,
    Enum,
    Struct,
    Genvar,
    Event,
    InterfaceInstance,
    Modport,
    Component,
    Attribute,
    EnumMember,
    Field,
}

/// <summary>Anything declared with a name: nets, variables, signals, constants, types and their members.</summary>
public sealed record DeclarationSymbol(DeclarationKind Kind, string Name, TypeSymbol Type, Location Location)
{
    /// <summary>The generate block or process the declaration sits in, null at unit level.</summary>
    public string? Scope { get; init; }

    /// <summary>Enum members or struct/record fields, in order.</summary>
    public ImmutableArray<string> Members { get; init; } = [];

    public string? InitialValue { get; init; }

    public string? Documentation { get; init; }
}

public enum ProcessKind
{
    Always,
    AlwaysFf,
    AlwaysComb,
    AlwaysLatch,
    Initial,
    Final,

    /// <summary>A VHDL process statement.</summary>
    Process,
}

public enum EdgeKind
{
    Posedge,
    Negedge,
    AnyEdge,
}

/// <summary>The clock of a clocked process: the signal and its active edge.</summary>
public sealed record ClockSymbol(string Signal, EdgeKind Edge);

/// <summary>The reset of a clocked process; asynchronous when it is in the sensitivity list.</summary>
public sealed record ResetSymbol(string Signal, bool ActiveLow, bool Asynchronous);

public sealed record ProcessSymbol(ProcessKind Kind, Location Location)
{
    public string? Label { get; init; }

    public string? Scope { get; init; }

    /// <summary>Signals in the sensitivity list; empty for always_comb, `@*` and `process(all)` (see <see cref="SensitiveToAll"/>).</summary>
    public ImmutableArray<string> Sensitivity { get; init; } = [];

    public bool SensitiveToAll { get; init; }

    public ClockSymbol? Clock { get; init; }

    public ResetSymbol? Reset { get; init; }

    public ImmutableArray<AssignmentSymbol> Assignments { get; init; } = [];
}

/// <summary>A use of a signal in an assignment, with its bit or part select as written (e.g. `[7:0]`).</summary>
public sealed record SignalUse(string Name, string? Select, Location Location);

/// <summary>
/// One assignment: what it writes, what it reads as data, and what it reads as control (the conditions of
/// the if/case/?:/when around it). This is the raw material of the data-flow graph.
/// </summary>
public sealed record AssignmentSymbol(ImmutableArray<SignalUse> Targets, Location Location)
{
    public ImmutableArray<SignalUse> DataReads { get; init; } = [];

    public ImmutableArray<SignalUse> ControlReads { get; init; } = [];

    /// <summary>Blocking (=, :=) or not (&lt;=); continuous assignments count as blocking.</summary>
    public bool IsBlocking { get; init; }

    public string? Scope { get; init; }
}

public enum InstanceKind
{
    /// <summary>A Verilog module, interface or program instance, or a VHDL component instance.</summary>
    Unit,

    /// <summary>VHDL `entity work.e(arch)`.</summary>
    Entity,

    /// <summary>VHDL `configuration work.c`.</summary>
    Configuration,

    /// <summary>A Verilog gate or UDP instance.</summary>
    Primitive,
}

/// <summary>A port or parameter connection: by name (Formal set) or by position.</summary>
public sealed record ConnectionSymbol(string? Formal, int Position, string? Actual, Location Location)
{
    /// <summary>Signals the actual expression reads or, for outputs, drives.</summary>
    public ImmutableArray<SignalUse> Signals { get; init; } = [];

    /// <summary>`.name` (implicit) connection.</summary>
    public bool IsImplicit { get; init; }
}

public sealed record InstanceSymbol(InstanceKind Kind, string UnitName, string InstanceName, Location Location)
{
    /// <summary>The library named in `entity lib.e` / `configuration lib.c`, if any.</summary>
    public string? Library { get; init; }

    /// <summary>The architecture named in `entity work.e(rtl)`, if any.</summary>
    public string? Architecture { get; init; }

    public string? Scope { get; init; }

    public ImmutableArray<ConnectionSymbol> Parameters { get; init; } = [];

    public ImmutableArray<ConnectionSymbol> Ports { get; init; } = [];

    /// <summary>`.*`: every port not named connects to the signal of the same name.</summary>
    public bool HasWildcardConnection { get; init; }

    /// <summary>Instance array dimensions (`u[3:0]`) or the generate loop it sits in, as written.</summary>
    public string? ArrayDimensions { get; init; }
}

public enum GenerateKind
{
    For,
    If,
    Case,
    Block,
}

public sealed record GenerateBlockSymbol(GenerateKind Kind, string Name, Location Location)
{
    /// <summary>The condition (if/case) or the loop header (for), as written.</summary>
    public string? Condition { get; init; }

    public string? ParentScope { get; init; }

    /// <summary>
    /// Which alternative of its construct the block is: 0 for the `if` branch, 1 for `else` (case items count on).
    /// Elaboration needs it to pick the branch a condition selects. Always 0 where the builder cannot tell.
    /// </summary>
    public int Branch { get; init; }
}

public enum SubprogramKind
{
    Function,
    Task,
    Procedure,
}

public sealed record SubprogramSymbol(SubprogramKind Kind, string Name, Location Location)
{
    public TypeSymbol? ReturnType { get; init; }

    public ImmutableArray<PortSymbol> Arguments { get; init; } = [];

    public string? Documentation { get; init; }
}

/// <summary>`import pkg::*`, `import pkg::x`, or VHDL `use lib.pkg.all` / `library lib`.</summary>
public sealed record ImportSymbol(string Package, string? Item, Location Location)
{
    public string? Library { get; init; }
}

/// <summary>An identifier use and, when binding resolved it, where its declaration is.</summary>
public sealed record ReferenceSymbol(string Name, Location Location)
{
    public Location? Definition { get; init; }
}
