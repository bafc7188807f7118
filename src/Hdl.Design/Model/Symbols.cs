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

    /// <summary>
    /// A VHDL if-generate's branches (`if`, each `elsif`, `else`) or case-generate's `when` alternatives, in order, each
    /// with the extent of its body: all of them share the generate's label as their scope, so an instance's position
    /// tells which one it is in. Empty for SystemVerilog, whose branches are blocks of their own.
    /// </summary>
    public ImmutableArray<GenerateAlternative> Alternatives { get; init; } = [];

    /// <summary>For a SystemVerilog case-generate item, its choices as written (`default` for the default item).</summary>
    public ImmutableArray<string> Choices { get; init; } = [];
}

/// <summary>One alternative of a VHDL if- or case-generate: its condition (null for `else`) or its choices.</summary>
public sealed record GenerateAlternative(Location Location)
{
    public string? Condition { get; init; }

    /// <summary>The `when` choices as written; `others` stays `others`.</summary>
    public ImmutableArray<string> Choices { get; init; } = [];
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

    /// <summary>
    /// For a function whose body only returns, possibly under if/elsif/else, the value it returns as one expression
    /// (a VHDL-2019 conditional expression `a when c else b`), so elaboration can evaluate calls with constant
    /// arguments. Null for anything else (variables, loops, other statements) and for procedures.
    /// </summary>
    public string? ReturnExpression { get; init; }
}

/// <summary>`import pkg::*`, `import pkg::x`, or VHDL `use lib.pkg.all` / `library lib`.</summary>
public sealed record ImportSymbol(string Package, string? Item, Location Location)
{
    public string? Library { get; init; }
}

/// <summary>What an identifier use names, which says where the workspace looks when the file alone cannot bind it.</summary>
public enum ReferenceKind
{
    /// <summary>A plain name, looked up through the enclosing scopes, the unit, its imports and the compilation unit.</summary>
    Name,

    /// <summary>A member after `.` (struct/record field, interface or instance item); <see cref="ReferenceSymbol.Qualifier"/> is the prefix's type.</summary>
    Member,

    /// <summary>`p::x`, `import p::x`, VHDL `lib.p.x`: <see cref="ReferenceSymbol.Qualifier"/> is the package.</summary>
    PackageMember,

    /// <summary>A design unit: the module or entity of an instance, an architecture's entity, an interface port's interface.</summary>
    Unit,

    /// <summary>A package named in an import, a `use` clause or before `::`.</summary>
    Package,

    /// <summary>`.port(...)` or `port =>` at an instance; <see cref="ReferenceSymbol.Qualifier"/> is the instantiated unit.</summary>
    PortFormal,

    /// <summary>`#(.P(...))` or `generic =>` at an instance; <see cref="ReferenceSymbol.Qualifier"/> is the instantiated unit.</summary>
    ParameterFormal,
}

/// <summary>An identifier use and, when binding resolved it, where its declaration is.</summary>
public sealed record ReferenceSymbol(string Name, Location Location)
{
    public Location? Definition { get; init; }

    public ReferenceKind Kind { get; init; } = ReferenceKind.Name;

    /// <summary>The package, prefix type or instantiated unit the name is looked up in (see <see cref="ReferenceKind"/>).</summary>
    public string? Qualifier { get; init; }

    /// <summary>
    /// For a member whose prefix the file could not bind (`pkg.item` in VHDL, `top.u.sig` in SV): the prefix name, so
    /// the workspace can bind the prefix and then the member in what the prefix names.
    /// </summary>
    public string? Prefix { get; init; }

    /// <summary>The VHDL library written before a unit or package (`work.pkg`), if any.</summary>
    public string? Library { get; init; }

    /// <summary>
    /// True when a name that stays unbound after the workspace looked everywhere is an error worth reporting: false
    /// for names from macro expansions, end labels, class bodies (base classes may declare them), assertions,
    /// aggregates' choices and other places where the name may come from something binding does not see.
    /// </summary>
    public bool Reportable { get; init; }

    /// <summary>A Verilog position where an undeclared name declares an implicit net (port connections, assign targets).</summary>
    public bool ImplicitNet { get; init; }

    /// <summary>`.*`: the site binds to every child port of the same name as a visible signal.</summary>
    public bool IsWildcard { get; init; }
}

/// <summary>What a definition declares, in one list for both languages.</summary>
public enum DefinitionKind
{
    Unit,
    Port,
    Parameter,
    Net,
    Variable,
    Signal,
    Constant,
    Type,
    EnumMember,
    Field,
    Function,
    Task,
    Instance,
    GenerateBlock,
    Package,
    Process,
    Label,
    Other,
}

/// <summary>
/// A name a file declares, as binding saw it: units, ports, parameters, nets, locals of functions and blocks,
/// types and their members, instances and labels.
/// </summary>
public sealed record DefinitionSymbol(string Name, DefinitionKind Kind, Location Location)
{
    /// <summary>The unit, block, subprogram or type it is declared in, for display (null for units).</summary>
    public string? Container { get; init; }

    /// <summary>True for names declared directly in the unit (not in a block, subprogram or type): what imports and instances see.</summary>
    public bool IsUnitLevel { get; init; }

    /// <summary>The type as written (`logic [7:0]`, `std_logic_vector(7 downto 0)`), or the instantiated unit of an instance.</summary>
    public string? TypeText { get; init; }

    /// <summary>The name of the type whose members follow `.` on this name: a struct/record type, interface or instantiated unit.</summary>
    public string? TypeName { get; init; }

    /// <summary>For fields: the key of the struct or record type that holds them (its name, or a key for an anonymous one).</summary>
    public string? MemberOf { get; init; }
}
