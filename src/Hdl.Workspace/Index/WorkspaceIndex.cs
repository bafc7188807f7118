using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Hdl.Design;
using Hdl.Syntax;
using Hdl.Syntax.Preprocessor;
using Hdl.Workspace.Binding;
using Hdl.Workspace.Elaboration;
using Hdl.Workspace.Parsing;

namespace Hdl.Workspace.Index;

/// <summary>
/// An immutable snapshot of the analysed workspace: every source file with its content hash, diagnostics and design
/// model, and the table of design units. <see cref="ApplyChanges"/> makes the next snapshot, re-analysing only files
/// whose text (or an included file) changed and sharing everything else with this one.
/// </summary>
public sealed class WorkspaceIndex
{
    private readonly Dictionary<string, IndexedFile> _filesByPath;
    private readonly Lock _derivedLock = new();
    private UnitTable? _units;
    private WorkspaceBindings? _bindings;

    /// <summary>Set when <see cref="Bindings"/> is first asked for, before they are made, so a snapshot made meanwhile derives from this one.</summary>
    private volatile bool _bindingsAsked;

    /// <summary>
    /// The latest earlier snapshot whose derived data was built when this one was made: the unit table and the
    /// bindings start from it. Dropped once this snapshot has built its own, so snapshots do not hold each other in a chain.
    /// </summary>
    private WorkspaceIndex? _derivedBase;

    /// <summary>
    /// The paths whose file differs between <see cref="_derivedBase"/> and this snapshot (re-analysed, added or
    /// removed), so the unit table and the bindings patch the base's maps instead of walking every file; null when
    /// not known, or when a file that did not change moved in analysis order (then they are rebuilt).
    /// </summary>
    private HashSet<string>? _changedSinceBase;

    /// <summary>What <see cref="Update"/> changed against the snapshot it started from (see <see cref="_changedSinceBase"/>).</summary>
    private HashSet<string>? _changedByUpdate;

    private readonly Lock _elaborationLock = new();
    private readonly Dictionary<string, ElaborationSlot> _hierarchies = new(StringComparer.Ordinal);

    /// <summary>The latest earlier snapshot that had elaborated when this one was made; dropped after this one elaborates.</summary>
    private WorkspaceIndex? _elaborationBase;

    /// <summary>
    /// Every path some file includes (a superset: a snapshot made in place adds the includes of the files it analysed
    /// to its base's set and drops none), made on first use. An edit of a path not in it re-analyses no includer.
    /// </summary>
    private HashSet<string>? _includedPaths;

    private WorkspaceIndex(ImmutableArray<IndexedFile> files, WorkspaceIndexOptions options, ImmutableArray<string> analysedPaths)
        : this(files, options, analysedPaths, ByPath(files))
    {
    }

    private WorkspaceIndex(ImmutableArray<IndexedFile> files, WorkspaceIndexOptions options, ImmutableArray<string> analysedPaths, Dictionary<string, IndexedFile> filesByPath)
    {
        Files = files;
        Options = options;
        AnalysedPaths = analysedPaths;
        _filesByPath = filesByPath;
    }

    private static Dictionary<string, IndexedFile> ByPath(ImmutableArray<IndexedFile> files)
    {
        var byPath = new Dictionary<string, IndexedFile>(files.Length, StringComparer.Ordinal);
        foreach (var file in files)
        {
            byPath[file.Path] = file;
        }

        return byPath;
    }

    /// <summary>Files in analysis order (the order they were given; added files go last).</summary>
    public ImmutableArray<IndexedFile> Files { get; }

    public WorkspaceIndexOptions Options { get; }

    /// <summary>The files parsed and modelled to make this snapshot (all of them for a fresh build).</summary>
    public ImmutableArray<string> AnalysedPaths { get; }

    /// <summary>Every design unit by name; built on first use and kept with the snapshot (a file that did not change keeps its unit objects).</summary>
    public UnitTable Units
    {
        get
        {
            if (_units is { } units)
            {
                return units;
            }

            lock (_derivedLock)
            {
                return _units ??= BuildUnitTable(Files, _derivedBase?._units, _changedSinceBase, _filesByPath);
            }
        }
    }

    /// <summary>
    /// Every reference bound across files, with the reverse map for find-references; built on first use and kept with
    /// the snapshot. A snapshot made by <see cref="ApplyChanges"/> binds only what the changes can affect (<see cref="WorkspaceBindings.BoundPaths"/>).
    /// </summary>
    public WorkspaceBindings Bindings
    {
        get
        {
            if (_bindings is { } bindings)
            {
                return bindings;
            }

            _bindingsAsked = true;
            _ = Units;

            // The base may be making its bindings right now (a background warm-up): wait for them rather than start over.
            var previous = _derivedBase?.Bindings;
            lock (_derivedLock)
            {
                if (_bindings is null)
                {
                    _bindings = WorkspaceBindings.Create(this, previous, _changedSinceBase, CancellationToken.None);
                    _derivedBase = null;
                    _changedSinceBase = null;
                }

                return _bindings;
            }
        }
    }

    /// <summary>
    /// The instance hierarchy for these options, elaborated on first use and kept with the snapshot. A snapshot made
    /// by <see cref="ApplyChanges"/> keeps the previous snapshot's hierarchy when no changed file changed what
    /// elaboration reads (units, imports, parameters, ports, instances, generate blocks, constants).
    /// </summary>
    public InstanceHierarchy Elaborate(ElaborationOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = ElaborationKey(options);
        ElaborationSlot slot;
        WorkspaceIndex? previous;
        lock (_elaborationLock)
        {
            if (!_hierarchies.TryGetValue(key, out slot!))
            {
                slot = new ElaborationSlot();
                _hierarchies[key] = slot;
            }

            if (slot.Hierarchy is { } made)
            {
                return made;
            }

            previous = _elaborationBase;
        }

        // The snapshot's lock is not held while elaborating (seconds on a large design), so making the next snapshot
        // and asking whether a hierarchy is ready never wait for it; callers of the same options wait on the slot.
        lock (slot.Gate)
        {
            if (slot.Hierarchy is { } made)
            {
                return made;
            }

            var previousHierarchy = previous?.ElaboratedOrWait(key);
            var hierarchy = (previousHierarchy is null ? null : HierarchyCarryOver.Carry(previous!, this, previousHierarchy, cancellationToken))
                ?? HierarchyElaborator.Elaborate(this, options, cancellationToken);
            Volatile.Write(ref slot.Hierarchy, hierarchy);
            lock (_elaborationLock)
            {
                _elaborationBase = null;
            }

            return hierarchy;
        }
    }

    /// <summary>The hierarchy for these options if this snapshot has elaborated it already; null without waiting or elaborating.</summary>
    public InstanceHierarchy? ElaboratedOrNull(ElaborationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (_elaborationLock)
        {
            return _hierarchies.GetValueOrDefault(ElaborationKey(options)) is { } slot ? Volatile.Read(ref slot.Hierarchy) : null;
        }
    }

    /// <summary>The hierarchy of an earlier snapshot to carry over: made, or being made (then waited for); null when never asked.</summary>
    private InstanceHierarchy? ElaboratedOrWait(string key)
    {
        ElaborationSlot? slot;
        lock (_elaborationLock)
        {
            slot = _hierarchies.GetValueOrDefault(key);
        }

        if (slot is null)
        {
            return null;
        }

        lock (slot.Gate)
        {
            return slot.Hierarchy;
        }
    }

    private static string ElaborationKey(ElaborationOptions options) =>
        string.Join('\n', (options.Tops.IsDefault ? [] : options.Tops).Prepend(options.MaxDepth.ToString(CultureInfo.InvariantCulture)));

    public long LineCount => Files.Sum(file => (long)file.LineCount);

    public int ErrorCount => Files.Sum(file => file.ErrorCount);

    public int WarningCount => Files.Sum(file => file.WarningCount);

    public IndexedFile? GetFile(string path) => _filesByPath.GetValueOrDefault(path);

    public static WorkspaceIndex Build(
        IReadOnlyList<string> paths,
        WorkspaceIndexOptions options,
        ISourceFileReader reader,
        IIncludeSource includes,
        IProgress<IndexProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(includes);
        var distinct = paths.Distinct(StringComparer.Ordinal).ToArray();
        var index = Update(distinct, new Dictionary<string, IndexedFile>(), [], options, reader, includes, progress, cancellationToken);
        index._changedByUpdate = null;
        return index;
    }

    /// <summary>
    /// The next snapshot after the given paths changed on disk: a known file is re-read and re-analysed when its hash
    /// differs, dropped when it is gone; a header re-analyses the files that include it; an unknown source file is
    /// added. Pass a fresh include source, since include sources may cache header contents.
    /// </summary>
    public WorkspaceIndex ApplyChanges(IReadOnlyList<string> changedPaths, ISourceFileReader reader, IIncludeSource includes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changedPaths);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(includes);
        var added = changedPaths
            .Where(path => !_filesByPath.ContainsKey(path) && !IncludeDirectoryInference.IsHeader(path) && HdlLanguages.FromPath(path) is not null)
            .Where(path => reader.Read(path, cancellationToken).Failure != SourceReadFailure.NotFound)
            .Distinct(StringComparer.Ordinal);
        var changed = new HashSet<string>(changedPaths, StringComparer.Ordinal);
        var next = UpdateInPlace(changed, reader, includes, cancellationToken)
            ?? Update([.. Files.Select(file => file.Path).Concat(added)], _filesByPath, changed, Options, reader, includes, progress: null, cancellationToken);
        // A first snapshot (no base of its own) is a base even before anyone asked for its bindings: a server's
        // warm-up asks for them right after the index is installed, often just after a document was opened, and a
        // snapshot that did not derive from it would make its bindings from scratch beside the warm-up's (twice the
        // work on a million-line workspace, seconds on two cores) instead of waiting for them and patching.
        if (_bindings is not null || _bindingsAsked || _derivedBase is null)
        {
            next._derivedBase = this;
            next._changedSinceBase = next._changedByUpdate;
        }
        else if (_derivedBase is not null)
        {
            // This snapshot made no derived data: the next one starts from this one's base, with both changes.
            next._derivedBase = _derivedBase;
            next._changedSinceBase = _changedSinceBase is null || next._changedByUpdate is null ? null : new HashSet<string>(_changedSinceBase.Concat(next._changedByUpdate), StringComparer.Ordinal);
        }

        next._changedByUpdate = null;

        lock (_elaborationLock)
        {
            next._elaborationBase = _hierarchies.Count > 0 ? this : _elaborationBase;
        }

        return next;
    }

    /// <summary>
    /// The common edit, made without walking every file: each changed path is a file of this snapshot that no file
    /// includes and that still exists, so nothing moves in analysis order and no includer is analysed again. The
    /// changed files whose text differs are analysed; the file list and the path map are this snapshot's copied
    /// (an array copy and a dictionary copy that keeps the stored hash codes) with those entries replaced. Null
    /// when the edit is not of that kind (<see cref="Update"/> handles it).
    /// </summary>
    private WorkspaceIndex? UpdateInPlace(HashSet<string> changed, ISourceFileReader reader, IIncludeSource includes, CancellationToken cancellationToken)
    {
        var includedPaths = IncludedPaths();
        var reread = new Dictionary<string, SourceReadResult>(StringComparer.Ordinal);
        foreach (var path in changed)
        {
            if (!_filesByPath.TryGetValue(path, out var file) || includedPaths.Contains(path))
            {
                return null;
            }

            var read = reader.Read(path, cancellationToken);
            if (read.Failure == SourceReadFailure.NotFound)
            {
                return null;
            }

            if (read.Text is null || HashOf(read.Text.Text) != file.ContentHash)
            {
                reread[path] = read;
            }
        }

        string[] toAnalyse = [.. Files.Where(file => reread.ContainsKey(file.Path)).Select(file => file.Path)];
        var analysed = AnalyseMany(toAnalyse, Options, new PreReadSourceReader(reread, reader), includes, progress: null, cancellationToken);
        var files = Files.ToBuilder();
        var byPath = new Dictionary<string, IndexedFile>(_filesByPath, StringComparer.Ordinal);
        var addsIncludes = false;
        foreach (var fresh in analysed)
        {
            var order = _filesByPath[fresh.Path].Order;
            var placed = fresh.Order == order ? fresh : fresh with { Order = order };
            files[order] = placed;
            byPath[fresh.Path] = placed;
            addsIncludes |= fresh.Includes.Any(include => !includedPaths.Contains(include));
        }

        return new WorkspaceIndex(files.MoveToImmutable(), Options, [.. toAnalyse], byPath)
        {
            _changedByUpdate = [.. toAnalyse],
            _includedPaths = addsIncludes ? [.. includedPaths, .. analysed.SelectMany(file => file.Includes)] : includedPaths,
        };
    }

    private HashSet<string> IncludedPaths()
    {
        if (Volatile.Read(ref _includedPaths) is { } made)
        {
            return made;
        }

        var included = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Files)
        {
            included.UnionWith(file.Includes);
        }

        return Interlocked.CompareExchange(ref _includedPaths, included, null) ?? included;
    }

    /// <summary>
    /// A snapshot of the given files built on files analysed earlier (a persisted index): a file analysed before is
    /// taken as it was unless it is among <paramref name="changedPaths"/> with a new hash, or includes a changed
    /// file; the other files are analysed. Files not in <paramref name="paths"/> are left out. Analysis order is the
    /// order of <paramref name="paths"/>, as in <see cref="Build"/>, so a restore with nothing changed equals a build.
    /// </summary>
    public static WorkspaceIndex Restore(
        IReadOnlyList<string> paths,
        IReadOnlyCollection<IndexedFile> previous,
        IReadOnlyCollection<string> changedPaths,
        WorkspaceIndexOptions options,
        ISourceFileReader reader,
        IIncludeSource includes,
        IProgress<IndexProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(changedPaths);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(includes);
        var previousByPath = new Dictionary<string, IndexedFile>(previous.Count, StringComparer.Ordinal);
        foreach (var file in previous)
        {
            previousByPath[file.Path] = file;
        }

        var distinct = paths.Distinct(StringComparer.Ordinal).ToArray();
        var index = Update(distinct, previousByPath, new HashSet<string>(changedPaths, StringComparer.Ordinal), options, reader, includes, progress, cancellationToken);
        index._changedByUpdate = null;
        return index;
    }

    /// <summary>A hash of the text, so an unchanged file is recognised whatever its timestamp says.</summary>
    public static string HashOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(MemoryMarshal.AsBytes(text.AsSpan()), hash);
        return Convert.ToHexString(hash[..16]);
    }

    /// <summary>
    /// The one place that decides what to re-analyse: each path keeps its previous analysis unless it is new, it
    /// changed (read again and hashed: a touched file with the same text is kept), or a file it includes changed.
    /// A changed path that is gone is dropped. Files are numbered in the order of <paramref name="paths"/>.
    /// </summary>
    private static WorkspaceIndex Update(
        string[] paths,
        IReadOnlyDictionary<string, IndexedFile> previous,
        HashSet<string> changed,
        WorkspaceIndexOptions options,
        ISourceFileReader reader,
        IIncludeSource includes,
        IProgress<IndexProgress>? progress,
        CancellationToken cancellationToken)
    {
        var toAnalyse = new List<string>();
        var reread = new Dictionary<string, SourceReadResult>(StringComparer.Ordinal);
        var kept = new List<string>(paths.Length);
        var removed = new List<string>();
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!previous.TryGetValue(path, out var file))
            {
                kept.Add(path);
                toAnalyse.Add(path);
            }
            else if (changed.Contains(path))
            {
                var read = reader.Read(path, cancellationToken);
                if (read.Failure == SourceReadFailure.NotFound)
                {
                    removed.Add(path);
                    continue;
                }

                kept.Add(path);
                if (read.Text is null || HashOf(read.Text.Text) != file.ContentHash)
                {
                    reread[path] = read;
                    toAnalyse.Add(path);
                }
            }
            else
            {
                kept.Add(path);
                if (changed.Count > 0 && file.Includes.Any(changed.Contains))
                {
                    toAnalyse.Add(path);
                }
            }
        }

        var analysed = AnalyseMany([.. toAnalyse], options, new PreReadSourceReader(reread, reader), includes, progress, cancellationToken);
        if (options.CompactHeapAfterFiles > 0 && toAnalyse.Count >= options.CompactHeapAfterFiles)
        {
            // The analysis's garbage (parse trees, token lists) is returned before the derived data and the save grow
            // the heap again; the cold peak was set here (WorkspaceIndexOptions.CompactHeapAfterFiles).
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        var analysedByPath = new Dictionary<string, IndexedFile>(analysed.Length, StringComparer.Ordinal);
        foreach (var file in analysed)
        {
            analysedByPath[file.Path] = file;
        }

        var next = ImmutableArray.CreateBuilder<IndexedFile>(kept.Count);
        var reordered = false;
        foreach (var path in kept)
        {
            var file = analysedByPath.TryGetValue(path, out var fresh) ? fresh : previous[path];
            reordered |= file.Order != next.Count && fresh is null;
            next.Add(file.Order == next.Count ? file : file with { Order = next.Count });
        }

        return new WorkspaceIndex(next.MoveToImmutable(), options, [.. toAnalyse])
        {
            _changedByUpdate = reordered ? null : new HashSet<string>(toAnalyse.Concat(removed), StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// Parses a sample of the workspace's files (about <paramref name="lineBudget"/> lines, spread over the workspace,
    /// every language present) and drops the trees. A snapshot loaded from the stored index has parsed nothing in this
    /// process, so the parsers' prediction caches are empty and their code is not compiled yet: the first edits of a
    /// warm start would pay for both (up to 1.5 s on opentitan/hw's first edit). One thread, for a background warm-up.
    /// </summary>
    /// <returns>The number of files parsed.</returns>
    public int PrimeParsers(ISourceFileReader reader, IIncludeSource includes, int lineBudget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var parseOptions = Options.ParseOptions;
        var candidates = Files.Where(file => file.Design is not null && file.LineCount > 0).ToArray();
        var languages = candidates.Select(file => HdlLanguages.FromPath(file.Path)).Distinct().Count();
        var parsed = 0;
        var lines = 0;
        var seen = new HashSet<HdlLanguage?>();

        // A fixed stride over analysis order reaches every part of the workspace; each language gets a file first.
        var stride = Math.Max(1, candidates.Length / 64);
        for (var start = 0; start < stride && (lines < lineBudget || seen.Count < languages); start++)
        {
            for (var at = start; at < candidates.Length && (lines < lineBudget || seen.Count < languages); at += stride)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var file = candidates[at];
                var language = HdlLanguages.FromPath(file.Path);
                if (lines >= lineBudget && seen.Contains(language))
                {
                    continue;
                }

                if (reader.Read(file.Path, cancellationToken).Text is { } text)
                {
                    _ = SyntaxParser.Parse(text, parseOptions, includes, cancellationToken);
                    seen.Add(language);
                    lines += file.LineCount;
                    parsed++;
                }
            }
        }

        return parsed;
    }

    private static IndexedFile[] AnalyseMany(
        string[] paths,
        WorkspaceIndexOptions options,
        ISourceFileReader reader,
        IIncludeSource includes,
        IProgress<IndexProgress>? progress,
        CancellationToken cancellationToken)
    {
        var results = new IndexedFile[paths.Length];
        var parseOptions = options.ParseOptions;
        var parallelOptions = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism),
            CancellationToken = cancellationToken,
        };
        var done = 0;

        // One file per worker at a time, as in ParseBatch: file sizes vary by orders of magnitude.
        var indices = Partitioner.Create(Enumerable.Range(0, paths.Length), EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(indices, parallelOptions, index =>
        {
            results[index] = AnalyseOne(paths[index], options, parseOptions, reader, includes, cancellationToken);
            var count = Interlocked.Increment(ref done);
            progress?.Report(new IndexProgress(count, paths.Length, paths[index]));
        });
        return results;
    }

    /// <summary>Parses one file and builds its design model; the tree is dropped on return.</summary>
    private static IndexedFile AnalyseOne(
        string path,
        WorkspaceIndexOptions options,
        ParseOptions parseOptions,
        ISourceFileReader reader,
        IIncludeSource includes,
        CancellationToken cancellationToken)
    {
        var language = HdlLanguages.FromPath(path);
        var read = reader.Read(path, cancellationToken);
        if (read.Text is null)
        {
            var outcome = read.Failure switch
            {
                SourceReadFailure.NotFound => FileParseOutcome.NotFound,
                SourceReadFailure.Binary => FileParseOutcome.Binary,
                _ => FileParseOutcome.Unreadable,
            };
            return new IndexedFile(path, language, outcome, string.Empty, 0, [], null, read.Detail ?? outcome.ToString());
        }

        var hash = HashOf(read.Text.Text);
        var lineCount = ParseBatch.CountLines(read.Text.Text);
        try
        {
            var tree = SyntaxParser.Parse(read.Text, parseOptions, includes, cancellationToken);
            var design = DesignModel.Build(tree, cancellationToken, options.VhdlLibraryOf(path));
            var included = tree.Preprocessor.Includes
                .Where(include => include.ResolvedPath is not null)
                .Select(include => include.ResolvedPath!)
                .Distinct(StringComparer.Ordinal)
                .ToImmutableArray();
            return new IndexedFile(path, tree.Language, FileParseOutcome.Parsed, hash, lineCount, tree.Diagnostics.AddRange(design.Diagnostics), design, null)
            {
                Includes = included,
                InactiveRegions = tree.Preprocessor.InactiveRegions,
            };
        }
        catch (NotSupportedException exception)
        {
            return new IndexedFile(path, language, FileParseOutcome.Unsupported, hash, lineCount, [], null, exception.Message);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A bug in a parser or builder must not lose the rest of the workspace: the file is reported and skipped.
            return new IndexedFile(path, language, FileParseOutcome.InternalError, hash, lineCount, [], null, $"internal error: {exception.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary>
    /// The units of every file; a file whose design model and order are those of <paramref name="previous"/> keeps its
    /// unit objects, so results tied to them carry over. When the files that changed since <paramref name="previous"/>
    /// are known, its maps are patched with them instead of rebuilt from every file.
    /// </summary>
    private static UnitTable BuildUnitTable(ImmutableArray<IndexedFile> files, UnitTable? previous, HashSet<string>? changed, Dictionary<string, IndexedFile> filesByPath)
    {
        if (previous is not null && changed is not null)
        {
            return previous.WithChanges(changed, path => filesByPath.GetValueOrDefault(path));
        }

        var units = ImmutableArray.CreateBuilder<IndexedUnit>();
        foreach (var file in files)
        {
            if (file.Design is null)
            {
                continue;
            }

            if (previous?.UnitsOf(file.Path) is { IsDefaultOrEmpty: false } kept
                && ReferenceEquals(kept[0].Symbol, file.Design.Units[0]) && kept[0].Order == file.Order && kept.Length == file.Design.Units.Length)
            {
                units.AddRange(kept);
                continue;
            }

            foreach (var unit in file.Design.Units)
            {
                units.Add(new IndexedUnit(unit, file.Path, file.Order));
            }
        }

        return new UnitTable(units.ToImmutable());
    }

    /// <summary>Serves texts already read while comparing hashes, so a changed file is read once.</summary>
    private sealed class PreReadSourceReader(Dictionary<string, SourceReadResult> preRead, ISourceFileReader inner) : ISourceFileReader
    {
        public SourceReadResult Read(string path, CancellationToken cancellationToken) =>
            preRead.TryGetValue(path, out var result) ? result : inner.Read(path, cancellationToken);
    }

    /// <summary>One hierarchy of the snapshot: made once, under <see cref="Gate"/>, while other callers wait on the gate.</summary>
    private sealed class ElaborationSlot
    {
        public readonly Lock Gate = new();
        public InstanceHierarchy? Hierarchy;
    }
}
