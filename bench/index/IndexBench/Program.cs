using System.Diagnostics;
using System.Globalization;
using Hdl.Syntax.Preprocessor;
using Hdl.Workspace;
using Hdl.Workspace.Elaboration;
using Hdl.Workspace.FileSystem;
using Hdl.Workspace.Graph;
using Hdl.Workspace.Index;
using Hdl.Workspace.Parsing;
using Hdl.Workspace.Storage;

// Usage: IndexBench ROOT INDEX_DIR [EDITS] [--no-split] [--keep-database] [--warm-opens N] [--no-derived] [--no-graph] [--edit-file PATH] [--bind-all]
// --bind-all: after each edit also binds the whole snapshot (what find-references asks), timed as "bind all".
// Prints one line per measurement; run.sh records them in results.md. --no-split skips the separate parse, build,
// elaboration and graph passes (three full analyses less) when the machine is too busy for them; --keep-database
// starts from the database already in INDEX_DIR (warm if it is current) instead of a fresh one; --warm-opens N opens
// the warm database N times (each with its phases in wall and CPU time); --no-derived stops after the opens;
// --no-graph skips building the repository graph (edits do not use it).
var root = args[0];
var indexFolder = args[1];
var editCount = args.Length > 2 && !args[2].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
var split = !args.Contains("--no-split");
var keepDatabase = args.Contains("--keep-database");
var warmOpens = args.Contains("--warm-opens") ? int.Parse(args[Array.IndexOf(args, "--warm-opens") + 1], CultureInfo.InvariantCulture) : 1;
var derived = !args.Contains("--no-derived");
var cancellationToken = CancellationToken.None;

var clock = Stopwatch.StartNew();
var discovered = HdlFileDiscovery.Discover([root], FileDiscoveryOptions.Default, cancellationToken);
var (sources, headers) = IncludeDirectoryInference.SplitHeaders(discovered.Files);
var preprocessor = PreprocessorOptions.Default with { IncludeDirectories = IncludeDirectoryInference.FoldersOf(headers) };
var options = WorkspaceIndexOptions.Default with { Preprocessor = preprocessor, MaxDegreeOfParallelism = Environment.ProcessorCount };
Report("discover", clock.Elapsed, $"{sources.Length} sources, {headers.Length} headers");

if (split)
{
    Split(sources, preprocessor, options);
}

// Storage: a fresh database is written (every file analysed by Open, so this times analysis + save), then opened
// again warm.
var database = IndexDatabase.ForWorkspace(root, indexFolder);
if (!keepDatabase)
{
    database.Delete();
}

clock.Restart();
PersistentIndexResult? cold = PersistentIndex.Open(database, sources, options, new DiskSourceFileReader(), new DiskIncludeSource(), null, cancellationToken);
Report("cold open (total)", clock.Elapsed, $"analysed {cold.Index.AnalysedPaths.Length}, {cold.Index.LineCount} lines");
Report("storage save (cold)", cold.SaveTime, $"{cold.DatabaseBytes / 1048576.0:0.0} MB");
ReportPhases(cold);
cold = null;
PersistentIndexResult? warm = null;
for (var open = 0; open < warmOpens; open++)
{
    // Each warm open starts from the same heap: the previous warm snapshot is dropped first.
    warm = null;
    GC.Collect();
    GC.WaitForPendingFinalizers();
    clock.Restart();
    warm = PersistentIndex.Open(database, sources, options, new DiskSourceFileReader(), new DiskIncludeSource(), null, cancellationToken);
    var openTime = clock.Elapsed;
    _ = warm.Index.Units.All.Length;
    Report("warm open (total)", openTime, $"load {warm.LoadTime.TotalSeconds:0.000} s, analysed {warm.Index.AnalysedPaths.Length}, loaded {warm.LoadedFileCount}, +unit table {(clock.Elapsed - openTime).TotalMilliseconds:0} ms");
    ReportPhases(warm);
}

if (!derived || warm is null)
{
    return;
}

// Derived data of the warm snapshot, built from scratch: bindings (every reference) and the elaborated hierarchy.
clock.Restart();
var fullBindings = warm.Index.Bindings;
Report("bindings (full)", clock.Elapsed, $"{fullBindings.Counts.Bound} bound, {fullBindings.BoundPaths.Length} files bound");
clock.Restart();
var fullHierarchy = warm.Index.Elaborate(ElaborationOptions.Default, cancellationToken);
Report("elaboration (full)", clock.Elapsed, $"{fullHierarchy.InstanceCount} instances");
if (!args.Contains("--no-graph"))
{
    clock.Restart();
    var fullGraph = RepositoryGraph.Build(warm.Index, cancellationToken);
    Report("repository graph", clock.Elapsed, $"{fullGraph.NodeCount} nodes, {fullGraph.EdgeCount} edges");
}

// A warm snapshot has parsed nothing in this process; the server primes the parsers in its warm-up, and so does this.
clock.Restart();
var primed = warm.Index.PrimeParsers(new DiskSourceFileReader(), new DiskIncludeSource(), 40_000, cancellationToken);
Report("parser priming", clock.Elapsed, $"{primed} files");

// One-file edits: every file is served from disk with a comment line inserted in the middle of the edited one (so
// the definitions after it move), as an editor buffer would be; ApplyChanges re-analyses it (and what includes it),
// then the unit table, the bindings and the hierarchy of the new snapshot are made from the previous snapshot's.
// With --edit-file PATH every edit is on that file, alternately inserting the line and taking it out again (what
// bench/lsp does to one open file). Per edit: wall and process CPU time of each phase (CPU is the one to compare
// on a loaded machine: this thread's work plus the collector's), and for the whole edit the process CPU time,
// the bytes allocated and the collections it caused (the heap holds the whole workspace, so every gen1 collection
// that promotes a snapshot's maps costs).
var editFile = args.Contains("--edit-file") ? Path.GetFullPath(args[Array.IndexOf(args, "--edit-file") + 1]) : null;
var bindAll = args.Contains("--bind-all");
var step = Math.Max(1, sources.Length / editCount);
var phases = new Dictionary<string, List<double>>(StringComparer.Ordinal);
var snapshot = warm.Index;
for (var edit = 0; edit < editCount && (editFile is not null || edit * step < sources.Length); edit++)
{
    var path = editFile ?? sources[edit * step];
    ISourceFileReader reader = editFile is not null && edit % 2 == 1 ? new DiskSourceFileReader() : new EditedReader(path, $"// edit {edit}\n");
    var cpu = Environment.CpuUsage.TotalTime;
    var allocated = GC.GetTotalAllocatedBytes(precise: false);
    var pause = GC.GetTotalPauseDuration();
    var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
    var times = new List<(string Name, double Ms)>();
    var phaseCpu = new List<(string Name, double Ms)>();
    var lastCpu = cpu;
    void Phase(string name)
    {
        times.Add((name, clock.Elapsed.TotalMilliseconds));
        var now = Environment.CpuUsage.TotalTime;
        phaseCpu.Add(($"{name} CPU", (now - lastCpu).TotalMilliseconds));
        lastCpu = now;
        clock.Restart();
    }

    clock.Restart();
    snapshot = snapshot.ApplyChanges([path], reader, new DiskIncludeSource(), cancellationToken);
    Phase("analysis");
    _ = snapshot.Units.All.Length;
    Phase("unit table");
    var bindings = snapshot.Bindings;
    Phase("bindings");
    _ = bindings.ReferencesIn(path);
    Phase("bind file");
    if (bindAll)
    {
        bindings.BindAll(cancellationToken);
        Phase("bind all");
    }
    var hierarchy = snapshot.Elaborate(ElaborationOptions.Default, cancellationToken);
    Phase("hierarchy");
    var total = times.Sum(time => time.Ms);
    times.AddRange(phaseCpu);
    times.Add(("total", total));
    times.Add(("CPU", (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds));
    times.Add(("GC pause", (GC.GetTotalPauseDuration() - pause).TotalMilliseconds));
    times.Add(("allocated MB", (GC.GetTotalAllocatedBytes(precise: false) - allocated) / 1048576.0));
    foreach (var (name, ms) in times)
    {
        if (!phases.TryGetValue(name, out var list))
        {
            list = [];
            phases[name] = list;
        }

        list.Add(ms);
    }

    var rebound = bindings.BoundPaths.Length;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"edit {edit + 1,2}: {string.Join(", ", times.Select(time => $"{time.Name} {time.Ms:0.0}"))}; analysed {snapshot.AnalysedPaths.Length}, {rebound} files bound, gen0/1/2 +{GC.CollectionCount(0) - collections.Item1}/{GC.CollectionCount(1) - collections.Item2}/{GC.CollectionCount(2) - collections.Item3}, {hierarchy.InstanceCount} instances  {path}"));
}

foreach (var (name, list) in phases)
{
    list.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"edit {name,-12} median {list[list.Count / 2],8:0.0}  max {list[^1],8:0.0}  (ms; MB for allocated) over {list.Count} edits"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"managed heap after: {GC.GetTotalMemory(forceFullCollection: true) / 1048576.0:0} MB"));

static void Split(System.Collections.Immutable.ImmutableArray<string> sources, PreprocessorOptions preprocessor, WorkspaceIndexOptions options)
{
    // Parse alone (trees dropped), then parse + design model: the difference is the model.
    var cancellationToken = CancellationToken.None;
    var clock = Stopwatch.StartNew();
    var parsed = ParseBatch.Run(sources, new ParseBatchOptions { Preprocessor = preprocessor, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, new DiskSourceFileReader(), new DiskIncludeSource(), cancellationToken);
    var parseTime = clock.Elapsed;
    Report("parse", parseTime, $"{parsed.LineCount} lines");

    clock.Restart();
    var index = WorkspaceIndex.Build(sources, options, new DiskSourceFileReader(), new DiskIncludeSource(), null, cancellationToken);
    var buildTime = clock.Elapsed;
    Report("parse+model", buildTime, $"model alone ~{(buildTime - parseTime).TotalSeconds:0.00} s");

    clock.Restart();
    var units = index.Units.All.Length;
    Report("unit table", clock.Elapsed, $"{units} units");

    clock.Restart();
    var hierarchy = HierarchyElaborator.Elaborate(index, ElaborationOptions.Default, cancellationToken);
    Report("elaboration", clock.Elapsed, $"{hierarchy.InstanceCount} instances");

    clock.Restart();
    var graph = RepositoryGraph.Build(index, cancellationToken);
    Report("repository graph", clock.Elapsed, $"{graph.NodeCount} nodes, {graph.EdgeCount} edges");
}

static void ReportPhases(PersistentIndexResult result)
{
    foreach (var phase in result.Phases)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {phase.Name,-32} {phase.Wall.TotalMilliseconds,8:0} ms wall {phase.Cpu.TotalMilliseconds,8:0} ms CPU"));
    }
}

static void Report(string name, TimeSpan time, string detail) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-22} {time.TotalSeconds,8:0.000} s  {detail}"));

/// <summary>Reads from disk, with a line inserted at the start of the middle line of the one edited file.</summary>
internal sealed class EditedReader(string editedPath, string inserted) : ISourceFileReader
{
    private readonly DiskSourceFileReader _disk = new();

    public SourceReadResult Read(string path, CancellationToken cancellationToken)
    {
        var read = _disk.Read(path, cancellationToken);
        if (path != editedPath || read.Text is null)
        {
            return read;
        }

        var text = read.Text.Text;
        var lines = text.Count(c => c == '\n');
        var at = 0;
        for (var line = 0; line < lines / 2; line++)
        {
            at = text.IndexOf('\n', at) + 1;
        }

        return SourceReadResult.Success(Hdl.Syntax.Text.SourceText.From(path, text.Insert(at, inserted)));
    }
}
