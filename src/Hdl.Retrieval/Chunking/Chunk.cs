using System.Collections.Immutable;

namespace Hdl.Retrieval.Chunking;

/// <summary>What a chunk is cut around.</summary>
public enum ChunkKind
{
    /// <summary>A unit's header: name, parameters/generics, ports, the comments before it, and a summary of its contents.</summary>
    Unit,

    /// <summary>An always/initial block or a VHDL process.</summary>
    Process,

    /// <summary>Neighbouring continuous assignments (Verilog assign, VHDL concurrent signal assignments).</summary>
    Assignments,

    /// <summary>A function, task or procedure.</summary>
    Subprogram,

    /// <summary>A generate block (for, if, case, VHDL block).</summary>
    Generate,

    /// <summary>A signal, net or variable declaration with its comments and the statements that drive it.</summary>
    Signal,

    /// <summary>A port of a unit, with its comments.</summary>
    Port,
}

/// <summary>The three levels a query can ask for.</summary>
public enum Granularity
{
    Module,
    Block,
    Signal,
}

/// <summary>
/// One retrievable piece of a file. <see cref="Id"/> is made from the file, kind, name and the ordinal among chunks
/// of that file with the same kind and name, so re-chunking an unchanged file gives the same ids and an edit touches
/// only its own file's chunks. Lines are 1-based and inclusive.
/// </summary>
public sealed record Chunk(
    string Id,
    string Path,
    ChunkKind Kind,
    string Unit,
    string Name,
    int StartLine,
    int EndLine)
{
    public Granularity Granularity => GranularityOf(Kind);

    /// <summary>Where the chunk sits: `unit > block` (`uart_tx > always_ff@42`).</summary>
    public string Context { get; init; } = string.Empty;

    /// <summary>The identifiers the chunk is about (unit, label, the signals it declares or writes, ports).</summary>
    public ImmutableArray<string> Names { get; init; } = [];

    /// <summary>Comments in and right before the chunk, and the design model's documentation.</summary>
    public string Comments { get; init; } = string.Empty;

    /// <summary>The code the chunk covers (for a unit, its header plus the names declared inside).</summary>
    public string Body { get; init; } = string.Empty;

    /// <summary>What a signal or port does, in words read from how it is driven and used (<see cref="SignalRoles"/>); empty for other chunks.</summary>
    public string Role { get; init; } = string.Empty;

    /// <summary>The first lines of the chunk's text as written, for display.</summary>
    public string Snippet { get; init; } = string.Empty;

    /// <summary>Whether names compare ignoring case (VHDL).</summary>
    public bool IgnoreCase { get; init; }

    /// <summary>Offsets (in the file) of the design-model symbols this chunk stands for; they map repository-graph nodes to chunks.</summary>
    public ImmutableArray<int> Anchors { get; init; } = [];

    public static Granularity GranularityOf(ChunkKind kind) => kind switch
    {
        ChunkKind.Unit => Granularity.Module,
        ChunkKind.Signal or ChunkKind.Port => Granularity.Signal,
        _ => Granularity.Block,
    };
}
