using System.Collections.Concurrent;
using System.Collections.Immutable;
using Hdl.Design;
using Hdl.Design.Binding;
using Hdl.Design.Model;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Text;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Binding;

/// <summary>One identifier use after the workspace finished binding it: where it is and what it binds to (none, one, or several for `.*`).</summary>
public sealed record BoundReference(string Name, Location Location, ReferenceKind Kind, ImmutableArray<Location> Definitions, IndexedUnit Unit)
{
    public bool IsBound => !Definitions.IsDefaultOrEmpty;
}

/// <summary>A definition with the unit it belongs to.</summary>
public sealed record BoundDefinition(DefinitionSymbol Symbol, IndexedUnit Unit);

/// <summary>How many references binding bound and how many it could not (by reference kind), over one snapshot.</summary>
/// <param name="External">Unbound plain names that come from something the workspace lacks (VHDL standard libraries, unknown packages).</param>
public sealed record BindingCounts(int Bound, int Unbound, int UnboundNames, int External, int Reported);

/// <summary>
/// Every reference of a snapshot bound across files: the file binders did what one file allows (scopes, locals,
/// same-file packages); here the rest is looked up through imports and `use` clauses, the units of instances, the
/// ports and parameters of instantiated units, an architecture's entity and the compilation unit. Made once per
/// <see cref="WorkspaceIndex"/> on first use, so a query costs dictionary lookups, not a scan of the workspace.
/// </summary>
/// <remarks>
/// Making the bindings object collects only what other files see of each file (definitions, exports, unit names, the
/// compilation unit): a pass over the unit table. A file's references are bound the first time something asks for
/// that file (<see cref="ReferencesIn(string)"/>, <see cref="DiagnosticsIn"/>), once, with concurrent callers waiting for that
/// file only; a query over the whole workspace (<see cref="ReferencesTo(Location)"/>, <see cref="Diagnostics"/>, <see cref="Counts"/>,
/// <see cref="UnitsUsing"/>, <see cref="BoundPaths"/>) first binds every file not bound yet, in parallel. The answers
/// do not depend on the order in which files are bound: a file's binding reads only the workspace-wide maps made with
/// the object.
/// <para>
/// Results are kept per file, with the names each file looked up in other files (its dependencies). The bindings of a
/// snapshot made by <see cref="WorkspaceIndex.ApplyChanges"/> start from the previous snapshot's: a changed file is
/// bound again, and so is every file that looked up a name whose definition the change added, removed or moved (a
/// unit, a unit's exported name, a field group, a compilation-unit name, a definition in a shared header); every
/// other file keeps its results. A file the previous snapshot had not bound yet is bound when asked, by first binding
/// it in the previous snapshot (where a background build may be doing it already) and taking that result when none
/// of its dependencies changed in between, else binding it against this snapshot. <see cref="BoundPaths"/> says which
/// files this snapshot bound itself.
/// </para>
/// </remarks>
public sealed class WorkspaceBindings
{
    /// <summary>How many snapshots a file not bound yet may look back for a result to take; beyond it, it is bound afresh (older snapshots are let go).</summary>
    private const int MaxCarryDepth = 4;

    private readonly WorkspaceIndex _index;
    private readonly FileBindings[] _files;

    /// <summary>The files this snapshot binds itself, in file order.</summary>
    private readonly FileBindings[] _boundHere;
    private readonly Dictionary<string, FileBindings> _filesByPath;
    private readonly Dictionary<DesignUnitSymbol, Dictionary<string, DefinitionSymbol>> _exports;
    private readonly Dictionary<string, DefinitionSymbol> _compilationUnit;
    private readonly Dictionary<string, List<FileBindings>> _definitionFiles;

    /// <summary>The files whose references may lie in a path: the file itself and the files that include it, in file order.</summary>
    private readonly Dictionary<string, List<FileBindings>> _referenceSources;
    private readonly Lazy<ImmutableArray<Diagnostic>> _diagnostics;
    private readonly Lazy<Dictionary<string, List<string>>> _unitsByPackage;
    private volatile bool _allBound;
    private readonly bool _patched;

    private WorkspaceBindings(WorkspaceIndex index, FileBindings[] files, FileBindings[] boundHere, WorkspaceBindings? copyMapsOf)
    {
        _index = index;
        _files = files;
        _boundHere = boundHere;

        // A patched snapshot starts from copies of the previous maps (entries copied, keys not hashed again), sharing
        // their lists until it changes them (MapPatch).
        _filesByPath = copyMapsOf is null ? new(StringComparer.Ordinal) : new(copyMapsOf._filesByPath, StringComparer.Ordinal);
        _exports = copyMapsOf is null ? new(ReferenceEqualityComparer.Instance) : new(copyMapsOf._exports, ReferenceEqualityComparer.Instance);
        _compilationUnit = copyMapsOf is null ? new(StringComparer.Ordinal) : new(copyMapsOf._compilationUnit, StringComparer.Ordinal);
        _definitionFiles = copyMapsOf is null ? new(StringComparer.Ordinal) : new(copyMapsOf._definitionFiles, StringComparer.Ordinal);
        _referenceSources = copyMapsOf is null ? new(StringComparer.Ordinal) : new(copyMapsOf._referenceSources, StringComparer.Ordinal);
        _patched = copyMapsOf is not null;
        _diagnostics = new Lazy<ImmutableArray<Diagnostic>>(() =>
        {
            BindAll(CancellationToken.None);
            return [.. _files.SelectMany(file => file.Result!.Diagnostics)];
        });
        _unitsByPackage = new Lazy<Dictionary<string, List<string>>>(MergePackageUses);
    }

    /// <summary>Unresolved identifiers, packages and package members (HDL3001–HDL3003), in file order. Binds every file.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => _diagnostics.Value;

    /// <summary>Bound and unbound references of the whole workspace. Binds every file.</summary>
    public BindingCounts Counts
    {
        get
        {
            BindAll(CancellationToken.None);
            int bound = 0, unbound = 0, unboundNames = 0, external = 0;
            foreach (var file in _files)
            {
                var result = file.Result!;
                bound += result.Bound;
                unbound += result.Unbound;
                unboundNames += result.UnboundNames;
                external += result.External;
            }

            return new BindingCounts(bound, unbound, unboundNames, external, Diagnostics.Length);
        }
    }

    /// <summary>
    /// The files this snapshot bound itself (every file with units for a fresh build; after an edit, the changed files
    /// and those that depend on what changed), in file order. Binds every file.
    /// </summary>
    public ImmutableArray<string> BoundPaths
    {
        get
        {
            BindAll(CancellationToken.None);
            return [.. _boundHere.Where(file => file.BoundFresh).Select(file => file.Path)];
        }
    }

    /// <summary>Whether this object was patched from the previous snapshot's (the changed files known) rather than built by walking every file.</summary>
    internal bool Patched => _patched;

    /// <summary>How many files with units have no bound references yet in this snapshot (asking for a file binds it).</summary>
    public int UnboundFileCount => _allBound ? 0 : _files.Count(file => file.Result is null);

    /// <summary>Whether the references of the file at <paramref name="path"/> are bound in this snapshot (true for a file without units).</summary>
    public bool IsBound(string path) => !_filesByPath.TryGetValue(path, out var file) || file.Result is not null;

    public static WorkspaceBindings Build(WorkspaceIndex index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        return Create(index, null, null, cancellationToken);
    }

    /// <summary>Binds every file not bound yet, in parallel; a cancelled call keeps the files it finished.</summary>
    public void BindAll(CancellationToken cancellationToken)
    {
        if (_allBound)
        {
            return;
        }

        var parallelOptions = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, _index.Options.MaxDegreeOfParallelism),
            CancellationToken = cancellationToken,
        };

        // One file per worker at a time: files differ in size by orders of magnitude.
        var pending = Partitioner.Create(_files.Where(file => file.Result is null), EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(pending, parallelOptions, file => file.Ensure(cancellationToken));
        _allBound = true;
    }

    /// <summary>References and definitions in a file, in source order. Binds the file (and the files that include it, for a header).</summary>
    public IReadOnlyList<BoundReference> ReferencesIn(string path) => ReferencesIn(path, CancellationToken.None);

    /// <inheritdoc cref="ReferencesIn(string)"/>
    public IReadOnlyList<BoundReference> ReferencesIn(string path, CancellationToken cancellationToken)
    {
        if (!_referenceSources.TryGetValue(path, out var sources))
        {
            return [];
        }

        List<BoundReference>? single = null;
        List<List<BoundReference>>? several = null;
        foreach (var source in sources)
        {
            if (source.Ensure(cancellationToken).ReferencesByPath.TryGetValue(path, out var list))
            {
                if (single is null)
                {
                    single = list;
                }
                else
                {
                    several ??= [single];
                    several.Add(list);
                }
            }
        }

        // A header included by several files: each includer bound its own copy of the header's names.
        return several is not null ? [.. several.SelectMany(list => list).OrderBy(reference => reference.Location.Span.Start)] : single ?? [];
    }

    /// <summary>The binding findings (HDL3001–HDL3003) located in a file, in the order of <see cref="Diagnostics"/>. Binds the file and its includers only.</summary>
    public ImmutableArray<Diagnostic> DiagnosticsIn(string path, CancellationToken cancellationToken)
    {
        if (!_referenceSources.TryGetValue(path, out var sources))
        {
            return [];
        }

        var found = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var source in sources)
        {
            foreach (var diagnostic in source.Ensure(cancellationToken).Diagnostics)
            {
                if (diagnostic.Location.Path == path)
                {
                    found.Add(diagnostic);
                }
            }
        }

        return found.ToImmutable();
    }

    public IReadOnlyList<BoundDefinition> DefinitionsIn(string path)
    {
        if (!_definitionFiles.TryGetValue(path, out var files))
        {
            return [];
        }

        if (files.Count == 1)
        {
            return files[0].Definitions.ByPath[path];
        }

        var seen = new HashSet<Location>();
        return [.. files.SelectMany(file => file.Definitions.ByPath[path]).Where(definition => seen.Add(definition.Symbol.Location))];
    }

    /// <summary>The definition at a location; where several files define a name at one place (a shared header), the first file's.</summary>
    public BoundDefinition? DefinitionAt(Location location)
    {
        if (!_definitionFiles.TryGetValue(location.Path, out var files))
        {
            return null;
        }

        foreach (var file in files)
        {
            if (file.Definitions.ByLocation.TryGetValue(location, out var definition))
            {
                return definition;
            }
        }

        return null;
    }

    /// <summary>Every use that binds to the definition at <paramref name="definition"/>, in file order. Binds every file.</summary>
    public IReadOnlyList<BoundReference> ReferencesTo(Location definition) => ReferencesTo(definition, CancellationToken.None);

    /// <inheritdoc cref="ReferencesTo(Location)"/>
    public IReadOnlyList<BoundReference> ReferencesTo(Location definition, CancellationToken cancellationToken)
    {
        BindAll(cancellationToken);
        List<BoundReference>? found = null;
        foreach (var file in _files)
        {
            if (file.Result!.ReferencesByDefinition.TryGetValue(definition, out var list))
            {
                if (found is null)
                {
                    found = list;
                }
                else
                {
                    found = [.. found, .. list];
                }
            }
        }

        return found ?? [];
    }

    /// <summary>Units that import, `use` or name members of the package. Binds every file.</summary>
    public ImmutableArray<string> UnitsUsing(string package) => _unitsByPackage.Value.TryGetValue(package, out var list) ? [.. list] : [];

    /// <summary>
    /// The bindings of <paramref name="index"/>, with no file bound yet. With <paramref name="previous"/> (the bindings
    /// of an earlier snapshot of the same workspace), the files that did not change keep their results, and only the
    /// files that changed and the files that depend on what changed will be bound.
    /// </summary>
    /// <param name="changedPaths">The paths whose file differs between <paramref name="previous"/>'s snapshot and <paramref name="index"/>, every other file keeping its place in analysis order; null when not known.</param>
    internal static WorkspaceBindings Create(WorkspaceIndex index, WorkspaceBindings? previous, IReadOnlyCollection<string>? changedPaths, CancellationToken cancellationToken)
    {
        if (previous is not null && changedPaths is not null && Patch(index, previous, changedPaths, cancellationToken) is { } patched)
        {
            return patched;
        }

        var unitsByPath = new Dictionary<string, List<IndexedUnit>>(StringComparer.Ordinal);
        foreach (var unit in index.Units.All)
        {
            Add(unitsByPath, unit.Path, unit);
        }

        // Definitions and exports of each file: reused when the file's units are the very same objects.
        var files = new List<FileBindings>(unitsByPath.Count);
        var carried = new List<FileBindings?>(unitsByPath.Count);
        var changed = new List<(FileDefinitions? Old, FileDefinitions? New)>();
        var present = new HashSet<string>(StringComparer.Ordinal);
        var collect = new List<(int Position, IndexedFile File, List<IndexedUnit> Units, FileBindings? Old)>();
        foreach (var file in index.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.Design is null || !unitsByPath.TryGetValue(file.Path, out var units))
            {
                continue;
            }

            present.Add(file.Path);
            var old = previous?._filesByPath.GetValueOrDefault(file.Path);
            if (old is not null && old.Definitions.Units.SequenceEqual(units, ReferenceEqualityComparer.Instance))
            {
                files.Add(old);
                carried.Add(old);
                continue;
            }

            collect.Add((files.Count, file, units, old));
            files.Add(null!);
            carried.Add(null);
        }

        // Collecting a file's definitions reads only that file: in parallel, for a fresh build's thousands of files.
        var collected = new FileDefinitions[collect.Count];
        Parallel.For(
            0,
            collect.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, index.Options.MaxDegreeOfParallelism), CancellationToken = cancellationToken },
            at => collected[at] = FileDefinitions.Collect(collect[at].File, collect[at].Units));
        for (var at = 0; at < collect.Count; at++)
        {
            var (position, file, _, old) = collect[at];
            if (old is null || !ReferenceEquals(old.Definitions.Design, file.Design))
            {
                // New or re-analysed; a file that only moved in analysis order keeps what other files see of it.
                changed.Add((old?.Definitions, collected[at]));
            }

            files[position] = new FileBindings(collected[at]);
        }

        var raised = new HashSet<DependencyKey>(DependencyKey.Comparer);
        if (previous is not null)
        {
            foreach (var old in previous._files)
            {
                if (!present.Contains(old.Path))
                {
                    changed.Add((old.Definitions, null));
                }
            }

            foreach (var (old, now) in changed)
            {
                DependencyKey.RaiseChanges(old, now, raised);
            }
        }

        // A carried file keeps its results unless it looked up a raised name; one the previous snapshot has not bound
        // yet takes that snapshot's result later if it is still valid then. Every other file is bound here, when asked.
        var raisedNames = RaisedNames(raised);
        var boundHere = new List<FileBindings>();
        for (var at = 0; at < files.Count; at++)
        {
            if (carried[at] is not { } old)
            {
                boundHere.Add(files[at]);
            }
            else if (CarryOrRebind(old, raised, raisedNames) is { } rebound)
            {
                files[at] = rebound;
                boundHere.Add(rebound);
            }
        }

        var bindings = new WorkspaceBindings(index, [.. files], [.. boundHere], copyMapsOf: null);
        foreach (var file in boundHere)
        {
            file.Owner = bindings;
        }

        foreach (var file in files)
        {
            bindings._filesByPath[file.Path] = file;
            Add(bindings._referenceSources, file.Path, file);

            // References located in an included file belong to the includer's results (a file's references lie in it or its includes).
            foreach (var include in index.GetFile(file.Path)?.Includes ?? [])
            {
                if (include != file.Path)
                {
                    Add(bindings._referenceSources, include, file);
                }
            }

            foreach (var (symbol, exports) in file.Definitions.Exports)
            {
                bindings._exports[symbol] = exports;
            }

            foreach (var path in file.Definitions.ByPath.Keys)
            {
                Add(bindings._definitionFiles, path, file);
            }
        }

        bindings.CollectCompilationUnit();
        bindings._allBound = bindings._files.All(file => file.Result is not null);
        return bindings;
    }

    /// <summary>
    /// The bindings of <paramref name="index"/> made from <paramref name="previous"/>'s by replacing what the changed
    /// files contribute: the file list and the workspace-wide maps are copies patched for the changed files and the
    /// files bound again, so the work follows the edit. Null when so many files change (a first snapshot bound only
    /// in part) that building the maps again is as cheap.
    /// </summary>
    private static WorkspaceBindings? Patch(WorkspaceIndex index, WorkspaceBindings previous, IReadOnlyCollection<string> changedPaths, CancellationToken cancellationToken)
    {
        var limit = 64 + (previous._files.Length / 16);
        if (changedPaths.Count > limit)
        {
            return null;
        }

        // The changed files: their definitions as other files see them now (none for a file removed or left without units).
        var replaced = new Dictionary<string, (FileBindings? Old, FileBindings? New)>(StringComparer.Ordinal);
        var changed = new List<(FileDefinitions? Old, FileDefinitions? New)>();
        foreach (var path in changedPaths)
        {
            var old = previous._filesByPath.GetValueOrDefault(path);
            var units = index.Units.UnitsOf(path);
            var now = index.GetFile(path) is { Design: not null } file && !units.IsEmpty ? new FileBindings(FileDefinitions.Collect(file, [.. units])) : null;
            if (old is not null || now is not null)
            {
                replaced[path] = (old, now);
                changed.Add((old?.Definitions, now?.Definitions));
            }
        }

        var raised = new HashSet<DependencyKey>(DependencyKey.Comparer);
        foreach (var (old, now) in changed)
        {
            DependencyKey.RaiseChanges(old, now, raised);
        }

        // The other files: rebound when they looked up a raised name, rewrapped when the previous snapshot had not bound them.
        var raisedNames = RaisedNames(raised);
        foreach (var old in previous._files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!replaced.ContainsKey(old.Path) && CarryOrRebind(old, raised, raisedNames) is { } rebound)
            {
                replaced[old.Path] = (old, rebound);
                if (replaced.Count > limit)
                {
                    return null;
                }
            }
        }

        var edits = replaced.Values.OrderBy(edit => (edit.New ?? edit.Old)!.Order).ToList();
        var files = new List<FileBindings>(previous._files.Length + edits.Count);
        var cursor = 0;
        foreach (var (old, now) in edits)
        {
            var at = AnalysisOrder.FirstAtOrAfter<FileBindings>(previous._files, file => file.Order, (now ?? old)!.Order, cursor);
            for (; cursor < at; cursor++)
            {
                files.Add(previous._files[cursor]);
            }

            if (now is not null)
            {
                files.Add(now);
            }

            cursor = at + (old is null ? 0 : 1);
        }

        for (; cursor < previous._files.Length; cursor++)
        {
            files.Add(previous._files[cursor]);
        }

        var boundHere = edits.Where(edit => edit.New is not null).Select(edit => edit.New!).ToArray();
        var bindings = new WorkspaceBindings(index, [.. files], boundHere, copyMapsOf: previous);
        foreach (var file in boundHere)
        {
            file.Owner = bindings;
        }

        var patch = new MapPatch();
        var compilationUnitChanged = false;
        foreach (var (old, now) in edits)
        {
            if (old is not null)
            {
                bindings._filesByPath.Remove(old.Path);
                foreach (var path in ReferencePaths(old, previous._index))
                {
                    patch.Remove(bindings._referenceSources, path, old);
                }

                foreach (var path in old.Definitions.ByPath.Keys)
                {
                    patch.Remove(bindings._definitionFiles, path, old);
                }
            }

            if (now is not null)
            {
                bindings._filesByPath[now.Path] = now;
                foreach (var path in ReferencePaths(now, index))
                {
                    patch.Insert(bindings._referenceSources, path, now);
                }

                foreach (var path in now.Definitions.ByPath.Keys)
                {
                    patch.Insert(bindings._definitionFiles, path, now);
                }
            }

            if (ReferenceEquals(old?.Definitions, now?.Definitions))
            {
                continue;
            }

            foreach (var symbol in old?.Definitions.Exports.Keys ?? Enumerable.Empty<DesignUnitSymbol>())
            {
                bindings._exports.Remove(symbol);
            }

            foreach (var (symbol, exports) in now?.Definitions.Exports ?? [])
            {
                bindings._exports[symbol] = exports;
            }

            compilationUnitChanged |= HasCompilationUnit(old?.Definitions) || HasCompilationUnit(now?.Definitions);
        }

        if (compilationUnitChanged)
        {
            bindings._compilationUnit.Clear();
            bindings.CollectCompilationUnit();
        }

        bindings._allBound = boundHere.Length == 0 && previous._allBound;
        return bindings;
    }

    /// <summary>
    /// What a file carried from the previous snapshot becomes: null when it keeps its results (bound, and none of the
    /// names it looked up was raised); a copy to bind again when it looked one up; for a file the previous snapshot had
    /// not bound yet, a copy that will take that snapshot's result if it is still valid when asked.
    /// </summary>
    private static FileBindings? CarryOrRebind(FileBindings old, HashSet<DependencyKey> raised, HashSet<string> raisedNames)
    {
        // An older snapshot's background bind may have reached the file since the previous snapshot was made: taking
        // that result now keeps a run of edits from growing chains of unbound copies past MaxCarryDepth, which would
        // make the first whole-workspace question after them bind every file again.
        if ((old.Result ?? old.TakeSettledEarlier()) is { } result)
        {
            return raised.Count > 0 && result.DependsOnAny(raisedNames) && Overlaps(result.Dependencies, raised) ? new FileBindings(old.Definitions) : null;
        }

        return old.CarryDepth < MaxCarryDepth ? new FileBindings(old.Definitions, old, raised) : new FileBindings(old.Definitions);
    }

    private static HashSet<string> RaisedNames(HashSet<DependencyKey> raised)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in raised)
        {
            names.Add(key.Name);
        }

        return names;
    }

    /// <summary>The paths a file's references may lie in: its own and those of the files it includes.</summary>
    private static IEnumerable<string> ReferencePaths(FileBindings file, WorkspaceIndex index)
    {
        yield return file.Path;
        foreach (var include in index.GetFile(file.Path)?.Includes ?? [])
        {
            if (include != file.Path)
            {
                yield return include;
            }
        }
    }

    private static bool HasCompilationUnit(FileDefinitions? definitions) =>
        definitions is not null && definitions.Units.Exists(unit => !unit.IsVhdl && unit.Name == "$unit");

    /// <summary>The compilation unit's names: the first definition of each name over the `$unit` units in analysis order.</summary>
    private void CollectCompilationUnit()
    {
        foreach (var unit in _index.Units.UnitsNamedIgnoringCase("$unit"))
        {
            if (!unit.IsVhdl && unit.Name == "$unit" && _exports.TryGetValue(unit.Symbol, out var exports))
            {
                foreach (var (name, definition) in exports)
                {
                    _compilationUnit.TryAdd(name, definition);
                }
            }
        }
    }

    /// <summary>Changes lists of files in maps copied from an earlier snapshot's, copying each list the first time it changes.</summary>
    private sealed class MapPatch
    {
        private readonly HashSet<List<FileBindings>> _own = new(ReferenceEqualityComparer.Instance);

        public void Remove(Dictionary<string, List<FileBindings>> map, string key, FileBindings file)
        {
            if (!map.TryGetValue(key, out var list))
            {
                return;
            }

            var at = list.FindIndex(other => ReferenceEquals(other, file));
            if (at < 0)
            {
                return;
            }

            if (list.Count == 1)
            {
                map.Remove(key);
                return;
            }

            Own(map, key, ref list);
            list.RemoveAt(at);
        }

        /// <summary>Puts the file in the list at its place in analysis order.</summary>
        public void Insert(Dictionary<string, List<FileBindings>> map, string key, FileBindings file)
        {
            if (!map.TryGetValue(key, out var list))
            {
                list = [];
                _own.Add(list);
                map[key] = list;
            }
            else
            {
                Own(map, key, ref list);
            }

            var at = list.Count;
            while (at > 0 && list[at - 1].Order > file.Order)
            {
                at--;
            }

            list.Insert(at, file);
        }

        private void Own(Dictionary<string, List<FileBindings>> map, string key, ref List<FileBindings> list)
        {
            if (_own.Contains(list))
            {
                return;
            }

            list = [.. list];
            _own.Add(list);
            map[key] = list;
        }
    }

    private static bool Overlaps(HashSet<DependencyKey> dependencies, HashSet<DependencyKey> raised)
    {
        if (raised.Count < dependencies.Count)
        {
            foreach (var key in raised)
            {
                if (dependencies.Contains(key))
                {
                    return true;
                }
            }

            return false;
        }

        return dependencies.Overlaps(raised);
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        list.Add(value);
    }

    private Dictionary<string, List<string>> MergePackageUses()
    {
        BindAll(CancellationToken.None);
        var merged = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in _files)
        {
            foreach (var (package, units) in file.Result!.PackageUses)
            {
                if (!merged.TryGetValue(package, out var list))
                {
                    list = [];
                    merged[package] = list;
                }

                foreach (var unit in units)
                {
                    if (!list.Contains(unit))
                    {
                        list.Add(unit);
                    }
                }
            }
        }

        return merged;
    }

    private Dictionary<string, DefinitionSymbol> ExportsOf(DesignUnitSymbol unit) =>
        _exports.TryGetValue(unit, out var exports) ? exports : [];

    /// <summary>What one file declares, as other files see it; depends on the file alone.</summary>
    private sealed class FileDefinitions
    {
        private FileDefinitions(string path, DesignFile design, List<IndexedUnit> units)
        {
            Path = path;
            Design = design;
            Units = units;
        }

        public string Path { get; }

        public DesignFile Design { get; }

        public List<IndexedUnit> Units { get; }

        /// <summary>Each unit's own names (what imports and instances see), by unit.</summary>
        public Dictionary<DesignUnitSymbol, Dictionary<string, DefinitionSymbol>> Exports { get; } = new(ReferenceEqualityComparer.Instance);

        /// <summary>Definitions by location, the first one where a header declares a name twice.</summary>
        public Dictionary<Location, BoundDefinition> ByLocation { get; } = [];

        /// <summary>Definitions by the path of their location (the file itself, or a header it includes), in source order.</summary>
        public Dictionary<string, List<BoundDefinition>> ByPath { get; } = new(StringComparer.Ordinal);

        public static FileDefinitions Collect(IndexedFile file, List<IndexedUnit> units)
        {
            var collected = new FileDefinitions(file.Path, file.Design!, units);
            foreach (var unit in units)
            {
                var exports = new Dictionary<string, DefinitionSymbol>(unit.IsVhdl ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
                foreach (var definition in unit.Symbol.Definitions)
                {
                    // What imports and instances see: the unit's own names (VHDL component declarations included), not nested units.
                    if ((definition.IsUnitLevel && (definition.Kind is not (DefinitionKind.Unit or DefinitionKind.Package) || definition.TypeText == "component"))
                        || definition.Location == unit.Symbol.NameLocation)
                    {
                        exports.TryAdd(definition.Name, definition);
                    }

                    var bound = new BoundDefinition(definition, unit);
                    if (collected.ByLocation.TryAdd(definition.Location, bound))
                    {
                        Add(collected.ByPath, definition.Location.Path, bound);
                    }
                }

                collected.Exports[unit.Symbol] = exports;
            }

            return collected;
        }
    }

    /// <summary>
    /// One file's definitions and, once bound, its results. Bound at most once, by the snapshot that made it (its
    /// <see cref="Owner"/>); a later snapshot reuses the object only once it is bound, so a result is never shared
    /// half-made.
    /// </summary>
    private sealed class FileBindings
    {
        private readonly Lock _lock = new();
        private FileResult? _result;

        /// <summary>The same file in the previous snapshot, not bound when this one was made, and the names raised since (null once bound).</summary>
        private FileBindings? _earlier;
        private HashSet<DependencyKey>? _raisedSince;

        public FileBindings(FileDefinitions definitions) => Definitions = definitions;

        public FileBindings(FileDefinitions definitions, FileBindings earlier, HashSet<DependencyKey> raisedSince)
            : this(definitions)
        {
            _earlier = earlier;
            _raisedSince = raisedSince;
            CarryDepth = earlier.CarryDepth + 1;
        }

        public FileDefinitions Definitions { get; }

        public string Path => Definitions.Path;

        /// <summary>The file's place in analysis order.</summary>
        public int Order => Definitions.Units[0].Order;

        /// <summary>The bindings that bind this file; dropped once bound, so a bound file does not keep its snapshot alive.</summary>
        public WorkspaceBindings? Owner { get; set; }

        /// <summary>How many earlier snapshots this one may take its result from.</summary>
        public int CarryDepth { get; }

        /// <summary>Whether the result was bound for this object, not taken from an earlier snapshot.</summary>
        public bool BoundFresh { get; private set; }

        public FileResult? Result => Volatile.Read(ref _result);

        /// <summary>
        /// Without binding anything: the result of the nearest earlier copy that is bound, taken as this copy's result
        /// when nothing it looked up was raised in the snapshots between; else null.
        /// </summary>
        public FileResult? TakeSettledEarlier()
        {
            lock (_lock)
            {
                if (_result is { } made)
                {
                    return made;
                }

                var raisedOnTheWay = new List<HashSet<DependencyKey>>();
                var link = this;
                while (true)
                {
                    if (link.Result is { } found)
                    {
                        foreach (var raised in raisedOnTheWay)
                        {
                            if (raised.Count > 0 && Overlaps(found.Dependencies, raised))
                            {
                                return null;
                            }
                        }

                        Volatile.Write(ref _result, found);
                        Owner = null;
                        _earlier = null;
                        _raisedSince = null;
                        return found;
                    }

                    // An unbound copy's links; a copy that binds meanwhile publishes its result before it clears them.
                    var since = Volatile.Read(ref link._raisedSince);
                    var earlier = Volatile.Read(ref link._earlier);
                    if (since is null || earlier is null)
                    {
                        if (link.Result is null)
                        {
                            return null;
                        }

                        continue;
                    }

                    raisedOnTheWay.Add(since);
                    link = earlier;
                }
            }
        }

        /// <summary>The file's results, binding it first if no one has; a caller that comes while another binds it waits for that one.</summary>
        public FileResult Ensure(CancellationToken cancellationToken)
        {
            if (Result is { } result)
            {
                return result;
            }

            lock (_lock)
            {
                if (_result is { } made)
                {
                    return made;
                }

                // Binding the earlier snapshot's copy is work a background build there may be doing already; its result
                // holds here when nothing it looked up changed since.
                FileResult? taken = null;
                if (_earlier is { } earlier)
                {
                    var candidate = earlier.Ensure(cancellationToken);
                    if (_raisedSince!.Count == 0 || !Overlaps(candidate.Dependencies, _raisedSince))
                    {
                        taken = candidate;
                    }
                }

                var owner = Owner ?? throw new InvalidOperationException($"{Path} has no bindings to bind it");
                BoundFresh = taken is null;
                result = taken ?? new FileBinder(owner, Definitions).Bind(cancellationToken);
                Volatile.Write(ref _result, result);
                Owner = null;
                _earlier = null;
                _raisedSince = null;
                return result;
            }
        }
    }

    /// <summary>What binding one file found: its references by path and by definition, diagnostics, counts, package users, and the names it looked up elsewhere.</summary>
    private sealed class FileResult
    {
        /// <summary>The names this file looked up in other files.</summary>
        public HashSet<DependencyKey> Dependencies { get; set; } = new(DependencyKey.Comparer);

        /// <summary>
        /// The unit, compilation-unit and path names of <see cref="Dependencies"/>: after an edit the few names raised
        /// are looked up here first, so the thousands of files that named none of them are passed over at one lookup each.
        /// </summary>
        public HashSet<string> DependencyNames { get; set; } = new(StringComparer.OrdinalIgnoreCase);

        public bool DependsOnAny(HashSet<string> names)
        {
            foreach (var name in names)
            {
                if (DependencyNames.Contains(name))
                {
                    return true;
                }
            }

            return false;
        }

        public Dictionary<string, List<BoundReference>> ReferencesByPath { get; } = new(StringComparer.Ordinal);

        public Dictionary<Location, List<BoundReference>> ReferencesByDefinition { get; } = [];

        public List<Diagnostic> Diagnostics { get; } = [];

        public Dictionary<string, List<string>> PackageUses { get; } = new(StringComparer.OrdinalIgnoreCase);

        public int Bound { get; set; }

        public int Unbound { get; set; }

        public int UnboundNames { get; set; }

        public int External { get; set; }
    }

    private enum DependencyKind
    {
        /// <summary>A unit looked up by name: which units have the name and their kind, library, owner, name location and imports.</summary>
        Unit,

        /// <summary>One exported name of a unit (`*`: all of them).</summary>
        Member,

        /// <summary>The fields of one struct or record type of a unit.</summary>
        Fields,

        /// <summary>A name of the compilation unit (`$unit` of any file).</summary>
        CompilationUnit,

        /// <summary>The definitions at locations in a path that other files than its own declare (a shared header).</summary>
        DefinitionPath,
    }

    /// <summary>
    /// A name one file looked up outside itself. Names compare ignoring case, so a Verilog name also invalidates VHDL
    /// lookups that differ only in case: binding again is always safe, keeping a stale result is not.
    /// </summary>
    private readonly record struct DependencyKey
    {
        public const string AnyMember = "*";

        public DependencyKey(DependencyKind kind, string name, string member)
        {
            Kind = kind;
            Name = name;
            Member = member;

            // Computed once: after an edit every file's keys are probed against the raised ones.
            Hash = HashCode.Combine(kind, StringComparer.OrdinalIgnoreCase.GetHashCode(name), StringComparer.OrdinalIgnoreCase.GetHashCode(member));
        }

        public DependencyKind Kind { get; }

        public string Name { get; }

        public string Member { get; }

        public int Hash { get; }

        public static readonly IEqualityComparer<DependencyKey> Comparer = new KeyComparer();

        /// <summary>Everything other files may have seen of the file that differs between its old and new definitions.</summary>
        public static void RaiseChanges(FileDefinitions? old, FileDefinitions? now, HashSet<DependencyKey> raised)
        {
            var oldUnits = GroupByName(old);
            var newUnits = GroupByName(now);
            foreach (var name in oldUnits.Keys.Union(newUnits.Keys, StringComparer.OrdinalIgnoreCase))
            {
                var before = oldUnits.GetValueOrDefault(name) ?? [];
                var after = newUnits.GetValueOrDefault(name) ?? [];
                var sameHeaders = before.Count == after.Count;
                for (var at = 0; sameHeaders && at < before.Count; at++)
                {
                    sameHeaders = SameHeader(before[at].Symbol, after[at].Symbol);
                }

                if (!sameHeaders)
                {
                    raised.Add(new DependencyKey(DependencyKind.Unit, name, string.Empty));
                    foreach (var unit in before.Concat(after))
                    {
                        RaiseAll(unit, raised);
                    }

                    continue;
                }

                for (var at = 0; at < before.Count; at++)
                {
                    RaiseMembers(old!.Exports[before[at].Symbol], now!.Exports[after[at].Symbol], name, raised);
                    RaiseFields(before[at].Symbol, after[at].Symbol, name, raised);
                }
            }

            RaiseMembers(CompilationUnitOf(old), CompilationUnitOf(now), null, raised);
            foreach (var definitions in new[] { old, now })
            {
                foreach (var path in definitions?.ByPath.Keys ?? Enumerable.Empty<string>())
                {
                    if (path != definitions!.Path)
                    {
                        raised.Add(new DependencyKey(DependencyKind.DefinitionPath, path, string.Empty));
                    }
                }
            }
        }

        private static Dictionary<string, List<IndexedUnit>> GroupByName(FileDefinitions? definitions)
        {
            var groups = new Dictionary<string, List<IndexedUnit>>(StringComparer.OrdinalIgnoreCase);
            foreach (var unit in definitions?.Units ?? [])
            {
                Add(groups, unit.Name, unit);
            }

            return groups;
        }

        private static bool SameHeader(DesignUnitSymbol before, DesignUnitSymbol after) =>
            before.Kind == after.Kind && before.Name == after.Name && before.Language == after.Language
            && before.Library == after.Library && before.Owner == after.Owner && before.NameLocation == after.NameLocation
            && before.Imports.SequenceEqual(after.Imports);

        private static void RaiseAll(IndexedUnit unit, HashSet<DependencyKey> raised)
        {
            raised.Add(new DependencyKey(DependencyKind.Member, unit.Name, AnyMember));
            foreach (var definition in unit.Symbol.Definitions)
            {
                raised.Add(new DependencyKey(DependencyKind.Member, unit.Name, definition.Name));
                if (definition.MemberOf is { } memberOf)
                {
                    raised.Add(new DependencyKey(DependencyKind.Fields, unit.Name, memberOf));
                }

                if (unit.Name == "$unit" && !unit.IsVhdl)
                {
                    raised.Add(new DependencyKey(DependencyKind.CompilationUnit, definition.Name, string.Empty));
                }
            }
        }

        /// <summary>Raises each exported name whose definition differs (unit members, or compilation-unit names when <paramref name="unitName"/> is null).</summary>
        private static void RaiseMembers(Dictionary<string, DefinitionSymbol> before, Dictionary<string, DefinitionSymbol> after, string? unitName, HashSet<DependencyKey> raised)
        {
            var any = false;
            foreach (var (name, definition) in before)
            {
                if (!after.TryGetValue(name, out var now) || now != definition)
                {
                    any = true;
                    raised.Add(unitName is null ? new DependencyKey(DependencyKind.CompilationUnit, name, string.Empty) : new DependencyKey(DependencyKind.Member, unitName, name));
                }
            }

            foreach (var name in after.Keys)
            {
                if (!before.ContainsKey(name))
                {
                    any = true;
                    raised.Add(unitName is null ? new DependencyKey(DependencyKind.CompilationUnit, name, string.Empty) : new DependencyKey(DependencyKind.Member, unitName, name));
                }
            }

            if (any && unitName is not null)
            {
                raised.Add(new DependencyKey(DependencyKind.Member, unitName, AnyMember));
            }
        }

        private static void RaiseFields(DesignUnitSymbol before, DesignUnitSymbol after, string unitName, HashSet<DependencyKey> raised)
        {
            var oldFields = FieldGroups(before);
            var newFields = FieldGroups(after);
            foreach (var group in oldFields.Keys.Union(newFields.Keys, StringComparer.OrdinalIgnoreCase))
            {
                if (!(oldFields.GetValueOrDefault(group) ?? []).SequenceEqual(newFields.GetValueOrDefault(group) ?? []))
                {
                    raised.Add(new DependencyKey(DependencyKind.Fields, unitName, group));
                }
            }
        }

        private static Dictionary<string, List<DefinitionSymbol>> FieldGroups(DesignUnitSymbol unit)
        {
            var groups = new Dictionary<string, List<DefinitionSymbol>>(StringComparer.OrdinalIgnoreCase);
            foreach (var definition in unit.Definitions)
            {
                if (definition.MemberOf is { } memberOf)
                {
                    Add(groups, memberOf, definition);
                }
            }

            return groups;
        }

        /// <summary>The names a file's `$unit` units add to the compilation unit, the first of each name.</summary>
        private static Dictionary<string, DefinitionSymbol> CompilationUnitOf(FileDefinitions? definitions)
        {
            var names = new Dictionary<string, DefinitionSymbol>(StringComparer.Ordinal);
            foreach (var unit in definitions?.Units ?? [])
            {
                if (!unit.IsVhdl && unit.Name == "$unit")
                {
                    foreach (var (name, definition) in definitions!.Exports[unit.Symbol])
                    {
                        names.TryAdd(name, definition);
                    }
                }
            }

            return names;
        }

        private sealed class KeyComparer : IEqualityComparer<DependencyKey>
        {
            public bool Equals(DependencyKey x, DependencyKey y) =>
                x.Hash == y.Hash && x.Kind == y.Kind && string.Equals(x.Name, y.Name, StringComparison.OrdinalIgnoreCase) && string.Equals(x.Member, y.Member, StringComparison.OrdinalIgnoreCase);

            public int GetHashCode(DependencyKey obj) => obj.Hash;
        }
    }

    /// <summary>
    /// Binds the references of one file against the whole workspace, recording every name it looks up outside the
    /// file, and stores the results in the file's <see cref="FileBindings"/>. Files are bound in parallel: a binder
    /// reads the workspace-wide maps, which do not change while binding, and writes only its own file's results.
    /// </summary>
    private sealed class FileBinder(WorkspaceBindings bindings, FileDefinitions definitions)
    {
        private readonly HashSet<DependencyKey> _dependencies = new(DependencyKey.Comparer);
        private readonly FileResult file = new();

        public WorkspaceBindings Bindings => bindings;

        private UnitTable Units => bindings._index.Units;

        public FileResult Bind(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var units = definitions.Units;
            var indexed = bindings._index.GetFile(definitions.Path);

            // A header the preprocessor could not find may declare anything: names in the file are not reported.
            var missingInclude = indexed is not null && indexed.Diagnostics.Any(diagnostic => diagnostic.Id == DiagnosticCatalog.IncludeNotFound.Id);
            var fileUnit = units.FirstOrDefault(unit => unit.Name == "$unit" && !unit.IsVhdl);
            foreach (var unit in units)
            {
                BindUnit(new UnitContext(this, unit, units, fileUnit, missingInclude));
            }

            foreach (var list in file.ReferencesByPath.Values)
            {
                list.Sort((left, right) => left.Location.Span.Start.CompareTo(right.Location.Span.Start));
            }

            // Kept for the life of the snapshot's successors, one set per file: no spare capacity.
            _dependencies.TrimExcess();
            file.Dependencies = _dependencies;
            foreach (var key in _dependencies)
            {
                file.DependencyNames.Add(key.Name);
            }

            file.DependencyNames.TrimExcess();
            return file;
        }

        public IndexedUnit? FindVerilog(string name)
        {
            Depend(DependencyKind.Unit, name);
            return Units.FindVerilog(name);
        }

        public IndexedUnit? FindVerilogIgnoringCase(string name)
        {
            Depend(DependencyKind.Unit, name);
            return Units.FindVerilogIgnoringCase(name);
        }

        public IndexedUnit? FindVhdl(string library, string name)
        {
            Depend(DependencyKind.Unit, name);
            return Units.FindVhdl(library, name);
        }

        public IndexedUnit? FindVhdlInAnyLibrary(string name)
        {
            Depend(DependencyKind.Unit, name);
            return Units.FindVhdlInAnyLibrary(name);
        }

        public IReadOnlyList<IndexedUnit> UnitsNamed(string name)
        {
            Depend(DependencyKind.Unit, name);
            return Units.UnitsNamedIgnoringCase(name);
        }

        public bool TryGetExport(DesignUnitSymbol unit, string name, out DefinitionSymbol definition)
        {
            Depend(DependencyKind.Member, unit.Name, name);
            return bindings.ExportsOf(unit).TryGetValue(name, out definition!);
        }

        public DefinitionSymbol? ExportOrDefault(DesignUnitSymbol unit, string name) => TryGetExport(unit, name, out var definition) ? definition : null;

        /// <summary>Every exported name of a unit, depending on the ones spelled <paramref name="name"/> only (all of them when null).</summary>
        public IEnumerable<DefinitionSymbol> Exports(DesignUnitSymbol unit, string? name)
        {
            Depend(DependencyKind.Member, unit.Name, name ?? DependencyKey.AnyMember);
            return bindings.ExportsOf(unit).Values;
        }

        public DefinitionSymbol? CompilationUnitName(string name)
        {
            Depend(DependencyKind.CompilationUnit, name);
            return bindings._compilationUnit.GetValueOrDefault(name);
        }

        public BoundDefinition? DefinitionAt(Location location)
        {
            Depend(DependencyKind.DefinitionPath, location.Path);
            var definition = bindings.DefinitionAt(location);
            if (definition is not null)
            {
                Depend(DependencyKind.Unit, definition.Unit.Name);
            }

            return definition;
        }

        /// <summary>The fields of a unit held by the type <paramref name="memberOf"/>.</summary>
        public IEnumerable<DefinitionSymbol> Fields(IndexedUnit unit, string memberOf)
        {
            Depend(DependencyKind.Fields, unit.Name, memberOf);
            return unit.Symbol.Definitions.Where(definition => definition.Kind == DefinitionKind.Field && definition.MemberOf is not null);
        }

        public bool HasFields(IndexedUnit unit, string memberOf)
        {
            Depend(DependencyKind.Fields, unit.Name, memberOf);
            return unit.Symbol.Definitions.Any(field => field.MemberOf == memberOf);
        }

        private void Depend(DependencyKind kind, string name, string member = "") => _dependencies.Add(new DependencyKey(kind, name, member));

        private void BindUnit(UnitContext context)
        {
            var unit = context.Unit;
            var implicitNets = new Dictionary<string, Location>(StringComparer.Ordinal);
            var reportedPackages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var import in context.Imports)
            {
                NoteUse(import.Package, unit);
            }

            // Implicit nets first: a name used in a port connection or assign target before any use declares a net there.
            if (!unit.IsVhdl)
            {
                foreach (var reference in unit.Symbol.References)
                {
                    if (reference.ImplicitNet && reference.Definition is null && reference.Kind == ReferenceKind.Name && !implicitNets.ContainsKey(reference.Name)
                        && context.ResolveName(reference.Name) is null)
                    {
                        implicitNets[reference.Name] = reference.Location;
                    }
                }
            }

            foreach (var reference in unit.Symbol.References)
            {
                var definitions = reference.Definition is { } local ? [local] : Resolve(reference, context, implicitNets);
                if (reference.Kind is ReferenceKind.Package or ReferenceKind.PackageMember && (reference.Kind == ReferenceKind.Package ? reference.Name : reference.Qualifier) is { } package)
                {
                    NoteUse(package, unit);
                }

                var bound = new BoundReference(reference.Name, reference.Location, reference.Kind, definitions, unit);
                Add(file.ReferencesByPath, reference.Location.Path, bound);
                if (definitions.IsEmpty)
                {
                    file.Unbound++;
                    if (reference.Kind == ReferenceKind.Name)
                    {
                        file.UnboundNames++;
                        if (context.MayComeFromElsewhere(reference.Name))
                        {
                            file.External++;
                        }
                    }

                    Report(reference, context, reportedPackages);
                    continue;
                }

                file.Bound++;
                foreach (var definition in definitions)
                {
                    Add(file.ReferencesByDefinition, definition, bound);
                }
            }
        }

        private ImmutableArray<Location> Resolve(ReferenceSymbol reference, UnitContext context, Dictionary<string, Location> implicitNets)
        {
            switch (reference.Kind)
            {
                case ReferenceKind.Name:
                    {
                        var definition = context.ResolveName(reference.Name);
                        if (definition is not null)
                        {
                            return [definition.Location];
                        }

                        return implicitNets.TryGetValue(reference.Name, out var net) ? [net] : [];
                    }

                case ReferenceKind.Package:
                    return context.FindPackage(reference.Name, reference.Library) is { } package ? [package.Symbol.NameLocation] : [];
                case ReferenceKind.PackageMember:
                    {
                        var qualifier = reference.Qualifier is null ? null : context.FindPackage(reference.Qualifier, reference.Library);
                        return qualifier is not null && TryGetExport(qualifier.Symbol, reference.Name, out var member) ? [member.Location] : [];
                    }

                case ReferenceKind.Unit:
                    return context.FindUnit(reference.Name, reference.Library) is { } found ? [found.Symbol.NameLocation] : [];
                case ReferenceKind.PortFormal or ReferenceKind.ParameterFormal:
                    return ResolveFormal(reference, context);
                case ReferenceKind.Member:
                    return context.ResolveMember(reference) is { } memberDefinition ? [memberDefinition.Location] : [];
                default:
                    return [];
            }
        }

        private ImmutableArray<Location> ResolveFormal(ReferenceSymbol reference, UnitContext context)
        {
            if (reference.Qualifier is null)
            {
                return [];
            }

            var wanted = reference.Kind == ReferenceKind.PortFormal ? DefinitionKind.Port : DefinitionKind.Parameter;
            var child = context.FindUnit(reference.Qualifier, reference.Library);
            IEnumerable<DefinitionSymbol> candidates;
            if (child is not null)
            {
                candidates = Exports(child.Symbol, reference.IsWildcard ? null : reference.Name);
            }
            else
            {
                // A VHDL component with no entity in the workspace: its own declaration's ports.
                candidates = context.Unit.Symbol.Definitions.Where(definition =>
                    !definition.IsUnitLevel && string.Equals(definition.Container, reference.Qualifier, StringComparison.OrdinalIgnoreCase));
            }

            var comparison = context.Unit.IsVhdl || child?.IsVhdl == true ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            var builder = ImmutableArray.CreateBuilder<Location>();
            foreach (var candidate in candidates)
            {
                if (candidate.Kind != wanted && !(wanted == DefinitionKind.Parameter && candidate.Kind == DefinitionKind.Type))
                {
                    continue;
                }

                if (reference.IsWildcard)
                {
                    // `.*` connects every port to the visible signal of the same name: the site refers to both.
                    var local = context.ResolveName(candidate.Name);
                    if (local is not null)
                    {
                        builder.Add(candidate.Location);
                        builder.Add(local.Location);
                    }
                }
                else if (string.Equals(candidate.Name, reference.Name, comparison))
                {
                    builder.Add(candidate.Location);
                    break;
                }
            }

            return builder.ToImmutable();
        }

        private void Report(ReferenceSymbol reference, UnitContext context, HashSet<string> reportedPackages)
        {
            if (!reference.Reportable)
            {
                return;
            }

            switch (reference.Kind)
            {
                case ReferenceKind.Name when !context.MayComeFromElsewhere(reference.Name):
                    file.Diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.UnresolvedIdentifier, reference.Location, reference.Name));
                    break;
                case ReferenceKind.Package when !(context.Unit.IsVhdl && IsStandard(reference.Library, reference.Name, context)) && reportedPackages.Add(reference.Name):
                    file.Diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.UnresolvedPackage, reference.Location, reference.Library is null ? reference.Name : $"{reference.Library}.{reference.Name}"));
                    break;
                case ReferenceKind.PackageMember when reference.Qualifier is not null:
                    {
                        var package = context.FindPackage(reference.Qualifier, reference.Library);
                        if (package is not null && package.Kind != DesignUnitKind.Class && !reference.Name.Equals("all", StringComparison.OrdinalIgnoreCase))
                        {
                            file.Diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.UnresolvedPackageMember, reference.Location, reference.Qualifier, reference.Name));
                        }

                        break;
                    }

                default:
                    break;
            }
        }

        private static bool IsStandard(string? library, string package, UnitContext context) =>
            VhdlPredefined.IsStandardLibrary(library) || (library is null && context.IsLibraryName(package));

        private void NoteUse(string package, IndexedUnit unit)
        {
            if (!file.PackageUses.TryGetValue(package, out var list))
            {
                list = [];
                file.PackageUses[package] = list;
            }

            if (!list.Contains(unit.Name))
            {
                list.Add(unit.Name);
            }
        }
    }

    /// <summary>What a unit sees beyond its own file: its imports, its entity or package, the compilation unit.</summary>
    private sealed class UnitContext
    {
        private readonly FileBinder _binder;
        private readonly List<IndexedUnit> _companions = [];
        private readonly List<IndexedUnit> _wildcardPackages = [];

        public UnitContext(FileBinder binder, IndexedUnit unit, List<IndexedUnit> sameFile, IndexedUnit? fileUnit, bool missingInclude)
        {
            _binder = binder;
            Unit = unit;
            FileUnit = ReferenceEquals(fileUnit, unit) ? null : fileUnit;
            HidesUnknownNames = missingInclude;
            if (unit.IsVhdl && unit.Symbol.Owner is { } owner && unit.Kind is DesignUnitKind.Architecture or DesignUnitKind.PackageBody or DesignUnitKind.Configuration)
            {
                // The entity or package in the same file first: a name defined in several files (variants of one
                // package for different tools) binds its body to the declaration beside it.
                var companion = sameFile.LastOrDefault(candidate => candidate.Kind is DesignUnitKind.Entity or DesignUnitKind.Package
                        && candidate.Name.Equals(owner, StringComparison.OrdinalIgnoreCase))
                    ?? binder.FindVhdl(unit.Symbol.Library ?? "work", owner) ?? binder.FindVhdlInAnyLibrary(owner);
                if (companion is not null)
                {
                    _companions.Add(companion);
                }
            }

            var imports = new List<ImportSymbol>(unit.Symbol.Imports);
            foreach (var companion in _companions)
            {
                imports.AddRange(companion.Symbol.Imports);
            }

            if (FileUnit is not null)
            {
                imports.AddRange(FileUnit.Symbol.Imports);
            }

            // A VHDL context reference brings the context's own use clauses (and nested contexts) in.
            for (var at = 0; unit.IsVhdl && at < imports.Count && imports.Count < 1000; at++)
            {
                if (imports[at].Item is null && FindUnit(imports[at].Package, imports[at].Library) is { Kind: DesignUnitKind.Context } context)
                {
                    imports.AddRange(context.Symbol.Imports.Where(inner => !imports.Contains(inner)));
                }
            }

            Imports = imports;
            foreach (var import in imports)
            {
                if (import.Item is not null)
                {
                    continue;
                }

                if (unit.IsVhdl && IsLibraryName(import.Package) && import.Library is null)
                {
                    // `use work.all`: the library's units are visible by name anyway.
                    continue;
                }

                var package = FindPackage(import.Package, import.Library);
                if (package is null && unit.IsVhdl && FindUnit(import.Package, import.Library)?.Kind == DesignUnitKind.Context)
                {
                    continue;
                }

                if (package is not null)
                {
                    _wildcardPackages.Add(package);

                    // A package defined in several files (variants for different tools): names of any variant are known.
                    foreach (var variant in binder.UnitsNamed(package.Name))
                    {
                        if (!ReferenceEquals(variant, package) && variant.Kind == package.Kind && variant.IsVhdl == package.IsVhdl
                            && variant.Name.Equals(package.Name, unit.IsVhdl ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
                        {
                            _wildcardPackages.Add(variant);
                        }
                    }
                }
                else if (!(unit.IsVhdl && VhdlPredefined.IsKnownPackage(import.Library, import.Package)))
                {
                    // A package we do not have may declare any name: its users' names are not reported.
                    HidesUnknownNames = true;
                }
            }
        }

        public IndexedUnit Unit { get; }

        public IndexedUnit? FileUnit { get; }

        public List<ImportSymbol> Imports { get; }

        public bool HidesUnknownNames { get; }

        /// <summary>True when an unbound name may be declared by something binding does not see (an unknown package, the VHDL standard libraries).</summary>
        public bool MayComeFromElsewhere(string name)
        {
            if (HidesUnknownNames || (Unit.IsVhdl && VhdlPredefined.Contains(name)))
            {
                return true;
            }

            var comparison = Unit.IsVhdl ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            foreach (var import in Imports)
            {
                if (import.Item is not null && string.Equals(import.Item, name, comparison) && FindPackage(import.Package, import.Library) is null)
                {
                    return true;
                }
            }

            return false;
        }

        public bool IsLibraryName(string name) =>
            name.Equals("work", StringComparison.OrdinalIgnoreCase) || VhdlPredefined.IsStandardLibrary(name)
            || string.Equals(name, Unit.Symbol.Library, StringComparison.OrdinalIgnoreCase)
            || Imports.Any(import => import.Library is not null && import.Library.Equals(name, StringComparison.OrdinalIgnoreCase));

        /// <summary>A name the unit's own file could not bind: its entity or package, imports, the compilation unit, global units.</summary>
        public DefinitionSymbol? ResolveName(string name)
        {
            foreach (var companion in _companions)
            {
                if (_binder.TryGetExport(companion.Symbol, name, out var found))
                {
                    return found;
                }
            }

            if (_binder.TryGetExport(Unit.Symbol, name, out var own))
            {
                return own;
            }

            var comparison = Unit.IsVhdl ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            foreach (var import in Imports)
            {
                if (import.Item is null || FindPackage(import.Package, import.Library) is not { } package
                    || !_binder.TryGetExport(package.Symbol, name, out var item))
                {
                    continue;
                }

                // `use pkg.state_t` also makes the enumeration literals of state_t visible (VHDL-2008 §12.4).
                if (string.Equals(import.Item, name, comparison)
                    || (Unit.IsVhdl && item.Kind == DefinitionKind.EnumMember && string.Equals(item.TypeName, import.Item, comparison)))
                {
                    return item;
                }
            }

            foreach (var package in _wildcardPackages)
            {
                if (_binder.TryGetExport(package.Symbol, name, out var member))
                {
                    return member;
                }
            }

            if (Unit.IsVhdl)
            {
                var vhdlUnit = _binder.FindVhdl(Unit.Symbol.Library ?? "work", name);
                return vhdlUnit is null ? null : UnitDefinition(vhdlUnit);
            }

            if (FileUnit is not null && _binder.TryGetExport(FileUnit.Symbol, name, out var compilationUnitName))
            {
                return compilationUnitName;
            }

            var global = _binder.FindVerilog(name);
            if (global is not null)
            {
                return UnitDefinition(global);
            }

            return _binder.CompilationUnitName(name);
        }

        public IndexedUnit? FindPackage(string name, string? library)
        {
            if (!Unit.IsVhdl)
            {
                if (name == "$unit")
                {
                    return FileUnit ?? (Unit.Name == "$unit" ? Unit : null);
                }

                var found = _binder.FindVerilog(name);
                return found?.Kind is DesignUnitKind.Package or DesignUnitKind.Class or DesignUnitKind.Interface ? found : null;
            }

            var lib = library is null || library.Equals("work", StringComparison.OrdinalIgnoreCase) ? Unit.Symbol.Library ?? "work" : library;
            var vhdl = _binder.FindVhdl(lib, name) ?? _binder.FindVhdlInAnyLibrary(name);
            return vhdl?.Kind == DesignUnitKind.Package ? vhdl : null;
        }

        public IndexedUnit? FindUnit(string name, string? library)
        {
            if (!Unit.IsVhdl)
            {
                return _binder.FindVerilog(name) ?? _binder.FindVhdlInAnyLibrary(name);
            }

            var lib = library is null || library.Equals("work", StringComparison.OrdinalIgnoreCase) ? Unit.Symbol.Library ?? "work" : library;
            return _binder.FindVhdl(lib, name) ?? _binder.FindVhdlInAnyLibrary(name) ?? _binder.FindVerilogIgnoringCase(name);
        }

        /// <summary>`x.f` where the file could not bind `f`: through the prefix's type, or a prefix naming a package or unit.</summary>
        public DefinitionSymbol? ResolveMember(ReferenceSymbol reference)
        {
            if (reference.Qualifier is { } typeName)
            {
                return MemberOfType(typeName, reference.Name);
            }

            if (reference.Prefix is not { } prefix)
            {
                return null;
            }

            var prefixDefinition = ResolveName(prefix);
            if (prefixDefinition is null)
            {
                var unit = Unit.IsVhdl ? FindPackage(prefix, null) : _binder.FindVerilog(prefix);
                return unit is null ? null : _binder.ExportOrDefault(unit.Symbol, reference.Name);
            }

            if (prefixDefinition.Kind is DefinitionKind.Package or DefinitionKind.Unit && _binder.DefinitionAt(prefixDefinition.Location) is { } owner
                && owner.Unit.Symbol.NameLocation == prefixDefinition.Location)
            {
                return _binder.ExportOrDefault(owner.Unit.Symbol, reference.Name);
            }

            return prefixDefinition.TypeName is { } prefixType ? MemberOfType(prefixType, reference.Name) : null;
        }

        private DefinitionSymbol? MemberOfType(string typeName, string member)
        {
            DefinitionSymbol? type;
            var separator = typeName.LastIndexOf("::", StringComparison.Ordinal);
            if (separator > 0)
            {
                var package = FindPackage(typeName[..separator], null);
                type = package is null ? null : _binder.ExportOrDefault(package.Symbol, typeName[(separator + 2)..]);
            }
            else
            {
                type = ResolveName(typeName);
            }

            if (type is null)
            {
                var unit = Unit.IsVhdl ? null : _binder.FindVerilog(typeName);
                return unit is null ? null : _binder.ExportOrDefault(unit.Symbol, member);
            }

            var owner = _binder.DefinitionAt(type.Location);
            if (owner is null)
            {
                return null;
            }

            if (owner.Unit.Symbol.NameLocation == type.Location)
            {
                return _binder.ExportOrDefault(owner.Unit.Symbol, member);
            }

            var comparison = owner.Unit.IsVhdl ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            var memberOf = type.TypeName is { } aliased && type.Kind == DefinitionKind.Type && !_binder.HasFields(owner.Unit, type.Name) ? aliased : type.Name;
            foreach (var definition in _binder.Fields(owner.Unit, memberOf))
            {
                if (definition.Kind == DefinitionKind.Field && string.Equals(definition.MemberOf, memberOf, comparison) && string.Equals(definition.Name, member, comparison))
                {
                    return definition;
                }
            }

            return null;
        }

        private DefinitionSymbol? UnitDefinition(IndexedUnit unit) =>
            _binder.DefinitionAt(unit.Symbol.NameLocation)?.Symbol;
    }
}
