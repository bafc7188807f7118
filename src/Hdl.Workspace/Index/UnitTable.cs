using System.Collections.Immutable;
using Hdl.Design.Model;
using Hdl.Syntax;

namespace Hdl.Workspace.Index;

/// <summary>A design unit and where it came from: the file, and its place in analysis order.</summary>
public sealed record IndexedUnit(DesignUnitSymbol Symbol, string Path, int Order)
{
    public string Name => Symbol.Name;

    public DesignUnitKind Kind => Symbol.Kind;

    public bool IsVhdl => Symbol.Language == HdlLanguage.Vhdl;

    /// <summary>`lib.name` for VHDL units, the plain name for Verilog ones.</summary>
    public string QualifiedName => IsVhdl ? $"{Symbol.Library ?? "work"}.{Symbol.Name}" : Symbol.Name;
}

/// <summary>
/// Every design unit of a snapshot by name. Verilog and SystemVerilog names are case-sensitive and global; VHDL
/// units live in a library and their names are case-insensitive. When a name is defined twice the later definition
/// in analysis order wins, as a VHDL library and most Verilog tools behave; elaboration reports the duplicate.
/// </summary>
public sealed class UnitTable
{
    private readonly Dictionary<string, List<IndexedUnit>> _verilogByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IndexedUnit>> _verilogByNameIgnoringCase = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<IndexedUnit>> _vhdlByLibraryAndName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<IndexedUnit>> _vhdlByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<IndexedUnit>> _architecturesByEntity = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ImmutableArray<IndexedUnit>> _byPath = new(StringComparer.Ordinal);
    private readonly HashSet<string> _vhdlLibraries = new(StringComparer.OrdinalIgnoreCase);

    internal UnitTable(ImmutableArray<IndexedUnit> units)
    {
        All = units;
        for (var start = 0; start < units.Length;)
        {
            // A file's units are contiguous in analysis order.
            var end = start + 1;
            while (end < units.Length && units[end].Path == units[start].Path)
            {
                end++;
            }

            _byPath[units[start].Path] = units.Slice(start, end - start);
            start = end;
        }

        foreach (var unit in units)
        {
            if (!unit.IsVhdl)
            {
                Add(_verilogByName, unit.Name, unit);
                Add(_verilogByNameIgnoringCase, unit.Name, unit);
                continue;
            }

            var library = unit.Symbol.Library ?? "work";
            _vhdlLibraries.Add(library);
            if (unit.Kind == DesignUnitKind.Architecture)
            {
                Add(_architecturesByEntity, $"{library}.{unit.Symbol.Owner}", unit);
            }
            else if (unit.Kind != DesignUnitKind.PackageBody)
            {
                Add(_vhdlByLibraryAndName, $"{library}.{unit.Name}", unit);
                Add(_vhdlByName, unit.Name, unit);
            }
        }
    }

    /// <summary>All units in analysis order.</summary>
    public ImmutableArray<IndexedUnit> All { get; }

    /// <summary>The Verilog/SystemVerilog unit of that name (case-sensitive), the last one analysed.</summary>
    public IndexedUnit? FindVerilog(string name) => Last(_verilogByName, name);

    /// <summary>
    /// A Verilog unit whose name matches ignoring case: how a VHDL component (whose names are case-insensitive and
    /// often written in another case) binds to a Verilog module in mixed-language tools.
    /// </summary>
    public IndexedUnit? FindVerilogIgnoringCase(string name) => Last(_verilogByName, name) ?? Last(_verilogByNameIgnoringCase, name);

    /// <summary>A VHDL entity, package or configuration by library and name (case-insensitive).</summary>
    public IndexedUnit? FindVhdl(string library, string name) => Last(_vhdlByLibraryAndName, $"{library}.{name}");

    /// <summary>
    /// A VHDL unit named with its library (`entity neorv32.neorv32_cpu`, `use olo.olo_base_pkg_math.all`). When no file
    /// of the workspace is mapped to that library, the unit is looked up in any library: without an `hdl.json`
    /// library mapping every file is in `work`, while designs name their own library, as GHDL's `--work=neorv32` allows.
    /// </summary>
    public IndexedUnit? FindVhdlInNamedLibrary(string library, string name) =>
        FindVhdl(library, name) ?? (_vhdlLibraries.Contains(library) ? null : FindVhdlInAnyLibrary(name));

    /// <summary>A VHDL unit of that name in any library (the last one analysed), for names written without a library.</summary>
    public IndexedUnit? FindVhdlInAnyLibrary(string name) => Last(_vhdlByName, name);

    /// <summary>The architectures of an entity in analysis order; the last is the "most recently analysed" one.</summary>
    public ImmutableArray<IndexedUnit> ArchitecturesOf(IndexedUnit entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return _architecturesByEntity.TryGetValue($"{entity.Symbol.Library ?? "work"}.{entity.Name}", out var list) ? [.. list] : [];
    }

    /// <summary>The units of one file, in source order.</summary>
    public ImmutableArray<IndexedUnit> UnitsOf(string path) => _byPath.GetValueOrDefault(path, []);

    /// <summary>Names defined more than once in the same namespace, each with all its definitions.</summary>
    public IEnumerable<ImmutableArray<IndexedUnit>> Duplicates()
    {
        foreach (var list in _verilogByName.Values.Concat(_vhdlByLibraryAndName.Values))
        {
            if (list.Count > 1)
            {
                yield return [.. list];
            }
        }
    }

    private static void Add(Dictionary<string, List<IndexedUnit>> map, string key, IndexedUnit unit)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        list.Add(unit);
    }

    private static IndexedUnit? Last(Dictionary<string, List<IndexedUnit>> map, string key) =>
        map.TryGetValue(key, out var list) ? list[^1] : null;
}
