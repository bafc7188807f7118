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
/// <remarks>
/// The table of a snapshot made after an edit is the previous table with the changed files' units taken out and put
/// in (<see cref="WithChanges"/>): the maps are copied (their entries, without hashing a name again) and only the
/// names the changed files define get new lists, so the cost follows the edit, not the workspace. The lists of a
/// table are never changed once it is made: a patch copies a list before it changes it.
/// </remarks>
public sealed class UnitTable
{
    private readonly Dictionary<string, List<IndexedUnit>> _verilogByName;
    private readonly Dictionary<string, List<IndexedUnit>> _verilogByNameIgnoringCase;
    private readonly Dictionary<string, List<IndexedUnit>> _vhdlByLibraryAndName;
    private readonly Dictionary<string, List<IndexedUnit>> _vhdlByName;
    private readonly Dictionary<string, List<IndexedUnit>> _architecturesByEntity;
    private readonly Dictionary<string, List<IndexedUnit>> _allByNameIgnoringCase;
    private readonly Dictionary<string, ImmutableArray<IndexedUnit>> _byPath;

    /// <summary>How many VHDL units each library holds (a library is known while it holds one).</summary>
    private readonly Dictionary<string, int> _vhdlLibraries;

    internal UnitTable(ImmutableArray<IndexedUnit> units)
    {
        All = units;
        _verilogByName = new(StringComparer.Ordinal);
        _verilogByNameIgnoringCase = new(StringComparer.OrdinalIgnoreCase);
        _vhdlByLibraryAndName = new(StringComparer.OrdinalIgnoreCase);
        _vhdlByName = new(StringComparer.OrdinalIgnoreCase);
        _architecturesByEntity = new(StringComparer.OrdinalIgnoreCase);
        _allByNameIgnoringCase = new(StringComparer.OrdinalIgnoreCase);
        _byPath = new(StringComparer.Ordinal);
        _vhdlLibraries = new(StringComparer.OrdinalIgnoreCase);
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

        var patch = new Patch(this);
        foreach (var unit in units)
        {
            patch.Add(unit);
        }
    }

    /// <summary>A copy of <paramref name="previous"/>'s maps sharing its lists, to be patched (<see cref="Patch"/> copies a list before changing it).</summary>
    private UnitTable(UnitTable previous, ImmutableArray<IndexedUnit> units)
    {
        All = units;
        _verilogByName = new(previous._verilogByName, previous._verilogByName.Comparer);
        _verilogByNameIgnoringCase = new(previous._verilogByNameIgnoringCase, previous._verilogByNameIgnoringCase.Comparer);
        _vhdlByLibraryAndName = new(previous._vhdlByLibraryAndName, previous._vhdlByLibraryAndName.Comparer);
        _vhdlByName = new(previous._vhdlByName, previous._vhdlByName.Comparer);
        _architecturesByEntity = new(previous._architecturesByEntity, previous._architecturesByEntity.Comparer);
        _allByNameIgnoringCase = new(previous._allByNameIgnoringCase, previous._allByNameIgnoringCase.Comparer);
        _byPath = new(previous._byPath, previous._byPath.Comparer);
        _vhdlLibraries = new(previous._vhdlLibraries, previous._vhdlLibraries.Comparer);
    }

    /// <summary>All units in analysis order.</summary>
    public ImmutableArray<IndexedUnit> All { get; }

    /// <summary>Whether this table was patched from an earlier one (<see cref="WithChanges"/>) rather than built from every unit.</summary>
    internal bool Patched { get; private init; }

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
        FindVhdl(library, name) ?? (_vhdlLibraries.ContainsKey(library) ? null : FindVhdlInAnyLibrary(name));

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

    /// <summary>Every unit of that name in any language, kind and library, ignoring case, in analysis order (the binder's package variants).</summary>
    internal IReadOnlyList<IndexedUnit> UnitsNamedIgnoringCase(string name) => _allByNameIgnoringCase.TryGetValue(name, out var list) ? list : [];

    /// <summary>
    /// This table with the units of <paramref name="changedPaths"/> replaced by those of the files <paramref name="fileOf"/>
    /// gives for them now (none for a removed file). Every other file must have kept its place in analysis order.
    /// </summary>
    internal UnitTable WithChanges(IReadOnlyCollection<string> changedPaths, Func<string, IndexedFile?> fileOf)
    {
        var edits = new List<(int Order, ImmutableArray<IndexedUnit> Old, ImmutableArray<IndexedUnit> New)>(changedPaths.Count);
        foreach (var path in changedPaths)
        {
            var old = UnitsOf(path);
            var file = fileOf(path);
            var now = file?.Design is { } design ? [.. design.Units.Select(unit => new IndexedUnit(unit, path, file.Order))] : ImmutableArray<IndexedUnit>.Empty;
            if (!old.IsEmpty || !now.IsEmpty)
            {
                edits.Add((old.IsEmpty ? now[0].Order : old[0].Order, old, now));
            }
        }

        if (edits.Count == 0)
        {
            return this;
        }

        // All: the unchanged runs of the previous array, with each changed file's units put in at its place.
        edits.Sort((left, right) => left.Order.CompareTo(right.Order));
        var all = ImmutableArray.CreateBuilder<IndexedUnit>(All.Length + edits.Sum(edit => edit.New.Length - edit.Old.Length));
        var cursor = 0;
        foreach (var (order, old, now) in edits)
        {
            var at = AnalysisOrder.FirstAtOrAfter(All.AsSpan(), unit => unit.Order, order, cursor);
            for (; cursor < at; cursor++)
            {
                all.Add(All[cursor]);
            }

            all.AddRange(now);
            cursor = at + old.Length;
        }

        for (; cursor < All.Length; cursor++)
        {
            all.Add(All[cursor]);
        }

        var table = new UnitTable(this, all.MoveToImmutable()) { Patched = true };
        var patch = new Patch(table);
        foreach (var (_, old, now) in edits)
        {
            foreach (var unit in old)
            {
                patch.Remove(unit);
            }

            foreach (var unit in now)
            {
                patch.Add(unit);
            }

            if (now.IsEmpty)
            {
                table._byPath.Remove(old[0].Path);
            }
            else
            {
                table._byPath[now[0].Path] = now;
            }
        }

        return table;
    }

    /// <summary>Every map as text, names in ordinal order: tests compare a patched table with one built from nothing.</summary>
    internal string Dump()
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(string.Join(", ", All.Select(Describe)));
        foreach (var (name, map) in new[]
        {
            ("verilog", _verilogByName), ("verilog ignoring case", _verilogByNameIgnoringCase), ("vhdl", _vhdlByLibraryAndName),
            ("vhdl by name", _vhdlByName), ("architectures", _architecturesByEntity), ("all by name", _allByNameIgnoringCase),
        })
        {
            text.Append(name).AppendLine(":");
            foreach (var key in map.Keys.Order(StringComparer.Ordinal))
            {
                text.Append("  ").Append(key).Append(" = ").AppendLine(string.Join(", ", map[key].Select(Describe)));
            }
        }

        foreach (var path in _byPath.Keys.Order(StringComparer.Ordinal))
        {
            text.Append("file ").Append(path).Append(" = ").AppendLine(string.Join(", ", _byPath[path].Select(Describe)));
        }

        return text.Append("libraries ").Append(string.Join(", ", _vhdlLibraries.Where(pair => pair.Value > 0).Select(pair => $"{pair.Key}:{pair.Value}").Order(StringComparer.OrdinalIgnoreCase))).ToString();

        static string Describe(IndexedUnit unit) => $"{unit.QualifiedName}#{unit.Order}";
    }

    private static IndexedUnit? Last(Dictionary<string, List<IndexedUnit>> map, string key) =>
        map.TryGetValue(key, out var list) ? list[^1] : null;

    /// <summary>
    /// Adds units to and removes units from a table's maps, keeping each list in analysis order. A list that came from
    /// an earlier table is copied the first time it changes, so that table stays as it was.
    /// </summary>
    private sealed class Patch(UnitTable table)
    {
        private readonly HashSet<List<IndexedUnit>> _own = new(ReferenceEqualityComparer.Instance);

        public void Add(IndexedUnit unit)
        {
            foreach (var (map, key) in Keys(unit))
            {
                if (!map.TryGetValue(key, out var list))
                {
                    list = [];
                    _own.Add(list);
                    map[key] = list;
                }
                else if (!_own.Contains(list))
                {
                    list = [.. list];
                    _own.Add(list);
                    map[key] = list;
                }

                // After the units of earlier files and of the same file: units arrive in source order.
                var at = list.Count;
                while (at > 0 && list[at - 1].Order > unit.Order)
                {
                    at--;
                }

                list.Insert(at, unit);
            }

            if (unit.IsVhdl)
            {
                var library = unit.Symbol.Library ?? "work";
                table._vhdlLibraries[library] = table._vhdlLibraries.GetValueOrDefault(library) + 1;
            }
        }

        public void Remove(IndexedUnit unit)
        {
            foreach (var (map, key) in Keys(unit))
            {
                if (!map.TryGetValue(key, out var list))
                {
                    continue;
                }

                var kept = list.Where(other => !ReferenceEquals(other, unit)).ToList();
                if (kept.Count == 0)
                {
                    map.Remove(key);
                }
                else
                {
                    _own.Add(kept);
                    map[key] = kept;
                }
            }

            if (unit.IsVhdl)
            {
                var library = unit.Symbol.Library ?? "work";
                var count = table._vhdlLibraries.GetValueOrDefault(library) - 1;
                if (count > 0)
                {
                    table._vhdlLibraries[library] = count;
                }
                else
                {
                    table._vhdlLibraries.Remove(library);
                }
            }
        }

        private IEnumerable<(Dictionary<string, List<IndexedUnit>> Map, string Key)> Keys(IndexedUnit unit)
        {
            yield return (table._allByNameIgnoringCase, unit.Name);
            if (!unit.IsVhdl)
            {
                yield return (table._verilogByName, unit.Name);
                yield return (table._verilogByNameIgnoringCase, unit.Name);
                yield break;
            }

            var library = unit.Symbol.Library ?? "work";
            if (unit.Kind == DesignUnitKind.Architecture)
            {
                yield return (table._architecturesByEntity, $"{library}.{unit.Symbol.Owner}");
            }
            else if (unit.Kind != DesignUnitKind.PackageBody)
            {
                yield return (table._vhdlByLibraryAndName, $"{library}.{unit.Name}");
                yield return (table._vhdlByName, unit.Name);
            }
        }
    }
}
