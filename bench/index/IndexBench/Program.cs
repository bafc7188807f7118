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

// Usage: IndexBench ROOT INDEX_DIR [EDITS]
// Prints one line per measurement; run.sh records them in results.md.
var root = args[0];
var indexFolder = args[1];
var editCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
var cancellationToken = CancellationToken.None;

var clock = Stopwatch.StartNew();
var discovered = HdlFileDiscovery.Discover([root], FileDiscoveryOptions.Default, cancellationToken);
var (sources, headers) = IncludeDirectoryInference.SplitHeaders(discovered.Files);
var preprocessor = PreprocessorOptions.Default with { IncludeDirectories = IncludeDirectoryInference.FoldersOf(headers) };
var options = WorkspaceIndexOptions.Default with { Preprocessor = preprocessor, MaxDegreeOfParallelism = Environment.ProcessorCount };
Report("discover", clock.Elapsed, $"{sources.Length} sources, {headers.Length} headers");

// Parse alone (trees dropped), then parse + design model: the difference is the model.
clock.Restart();
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

// Storage: a fresh database is written (every file analysed again by Open, so this times analysis + save),
// then opened again warm.
var database = IndexDatabase.ForWorkspace(root, indexFolder);
database.Delete();
var cold = PersistentIndex.Open(database, sources, options, new DiskSourceFileReader(), new DiskIncludeSource(), null, cancellationToken);
Report("storage save (cold)", cold.SaveTime, $"{cold.DatabaseBytes / 1048576.0:0.0} MB");
clock.Restart();
var warm = PersistentIndex.Open(database, sources, options, new DiskSourceFileReader(), new DiskIncludeSource(), null, cancellationToken);
Report("warm open (total)", clock.Elapsed, $"load {warm.LoadTime.TotalSeconds:0.000} s, analysed {warm.Index.AnalysedPaths.Length}, loaded {warm.LoadedFileCount}");

// One-file edits: every file is served from memory with a comment appended to the edited one, as an editor
// buffer would be; ApplyChanges re-analyses it (and what includes it) and the unit table is rebuilt.
var step = Math.Max(1, sources.Length / editCount);
var times = new List<double>();
var snapshot = warm.Index;
for (var edit = 0; edit < editCount && edit * step < sources.Length; edit++)
{
    var path = sources[edit * step];
    var reader = new EditedReader(path, $"\n// edit {edit}\n");
    clock.Restart();
    snapshot = snapshot.ApplyChanges([path], reader, new DiskIncludeSource(), cancellationToken);
    _ = snapshot.Units.All.Length;
    var elapsed = clock.Elapsed.TotalMilliseconds;
    times.Add(elapsed);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"edit {edit + 1,2}: {elapsed,8:0.0} ms  analysed {snapshot.AnalysedPaths.Length}  {path}"));
}

times.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"edits: median {times[times.Count / 2]:0.0} ms, max {times[^1]:0.0} ms over {times.Count}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"managed heap after: {GC.GetTotalMemory(forceFullCollection: true) / 1048576.0:0} MB"));

static void Report(string name, TimeSpan time, string detail) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-22} {time.TotalSeconds,8:0.000} s  {detail}"));

/// <summary>Reads from disk, with a comment appended to the one edited file.</summary>
internal sealed class EditedReader(string editedPath, string appended) : ISourceFileReader
{
    private readonly DiskSourceFileReader _disk = new();

    public SourceReadResult Read(string path, CancellationToken cancellationToken)
    {
        var read = _disk.Read(path, cancellationToken);
        return path == editedPath && read.Text is not null
            ? SourceReadResult.Success(Hdl.Syntax.Text.SourceText.From(path, read.Text.Text + appended))
            : read;
    }
}
