using System.Diagnostics;
using System.Globalization;
using Hdl.Syntax.Preprocessor;
using Hdl.Syntax.Text;
using Hdl.Workspace.FileSystem;
using Hdl.Workspace.Features.Completion;
using Hdl.Workspace.Index;

// Usage: CompletionBench ROOT FILE [SAMPLES]
// Builds the index of ROOT in memory (as the language server does), then asks for completion at SAMPLES cursors of
// FILE: after two letters of an identifier, right after `.`, `::`, `$`, and at the start of a line (the longest
// lists), and for signature help after every `(` and `,`. Prints p50/p99/max per kind; run.sh records the output.
var root = args[0];
var file = Path.GetFullPath(args[1]);
var samples = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 400;
var cancellationToken = CancellationToken.None;

var clock = Stopwatch.StartNew();
var discovered = HdlFileDiscovery.Discover([root], FileDiscoveryOptions.Default, cancellationToken);
var (sources, headers) = IncludeDirectoryInference.SplitHeaders(discovered.Files);
var preprocessor = PreprocessorOptions.Default with { IncludeDirectories = IncludeDirectoryInference.FoldersOf(headers) };
var options = WorkspaceIndexOptions.Default with { Preprocessor = preprocessor, MaxDegreeOfParallelism = Environment.ProcessorCount };
var index = WorkspaceIndex.Build(sources, options, new DiskSourceFileReader(), new DiskIncludeSource(), null, cancellationToken);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"index: {index.Files.Length} files, {index.LineCount} lines, {index.Units.All.Length} units in {clock.Elapsed.TotalSeconds:0.0} s"));

// The index names files as discovery did; the file is looked up the same way.
file = index.Files.FirstOrDefault(candidate => Path.GetFullPath(candidate.Path) == file)?.Path ?? throw new InvalidOperationException($"{file} is not in the index");
var text = new DiskSourceFileReader().Read(file, cancellationToken).Text ?? throw new InvalidOperationException($"cannot read {file}");
var cursors = new Dictionary<string, List<int>>
{
    ["identifier prefix"] = [],
    ["after ."] = [],
    ["after ::"] = [],
    ["after $"] = [],
    ["line start"] = [],
};
var calls = new List<int>();
var source = text.Text;
for (var at = 1; at < source.Length; at++)
{
    var previous = source[at - 1];
    if (previous == '.' && at >= 2 && char.IsAsciiLetterOrDigit(source[at - 2]))
    {
        cursors["after ."].Add(at);
    }
    else if (previous == ':' && source[at - 2] == ':')
    {
        cursors["after ::"].Add(at);
    }
    else if (previous == '$' && char.IsAsciiLetter(source[at]))
    {
        cursors["after $"].Add(at);
    }
    else if (previous == '\n')
    {
        cursors["line start"].Add(at);
    }
    else if (previous is '(' or ',')
    {
        calls.Add(at);
    }
    else if (at >= 2 && char.IsAsciiLetter(source[at - 2]) && char.IsAsciiLetter(previous) && (at < 3 || !char.IsAsciiLetterOrDigit(source[at - 3]) && source[at - 3] != '_'))
    {
        cursors["identifier prefix"].Add(at);
    }
}

// The first call pays for JIT compilation; it is reported on its own.
clock.Restart();
CodeCompletion.Complete(index, file, text, new LinePosition(0, 0), CompletionOptions.Default, cancellationToken);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first call (JIT): {clock.Elapsed.TotalMilliseconds:0.0} ms"));
Console.WriteLine("kind                      n   p50 ms   p99 ms   max ms   items p50   incomplete");
foreach (var (kind, offsets) in cursors)
{
    var times = new List<double>();
    var counts = new List<int>();
    var incomplete = 0;
    foreach (var offset in Sample(offsets, samples))
    {
        var position = text.Lines.GetPosition(offset);
        clock.Restart();
        var result = CodeCompletion.Complete(index, file, text, position, CompletionOptions.Default, cancellationToken);
        times.Add(clock.Elapsed.TotalMilliseconds);
        counts.Add(result.Items.Length);
        incomplete += result.IsIncomplete ? 1 : 0;
        if (args.Contains("--show") && times.Count % 40 == 1)
        {
            var line = text.Lines.GetPosition(offset);
            Console.WriteLine($"  {kind} {line.Line + 1}:{line.Character + 1} {result.Level} [{source.Substring(Math.Max(0, offset - 30), Math.Min(30, offset)).ReplaceLineEndings(" ")}|] {string.Join(", ", result.Items.Take(6).Select(item => item.Label))}");
        }
    }

    Print(kind, times, counts, incomplete);
}

var helpTimes = new List<double>();
var found = new List<int>();
foreach (var offset in Sample(calls, samples))
{
    clock.Restart();
    var help = SignatureHelp.Find(index, file, text, text.Lines.GetPosition(offset), cancellationToken);
    helpTimes.Add(clock.Elapsed.TotalMilliseconds);
    found.Add(help is null ? 0 : 1);
}

Print("signatureHelp ( ,", helpTimes, found, 0);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"signatures found: {found.Sum()} of {found.Count}"));

static IEnumerable<int> Sample(List<int> offsets, int count)
{
    var step = Math.Max(1, offsets.Count / Math.Max(1, count));
    for (var at = 0; at < offsets.Count; at += step)
    {
        yield return offsets[at];
    }
}

static void Print(string kind, List<double> times, List<int> counts, int incomplete)
{
    if (times.Count == 0)
    {
        Console.WriteLine($"{kind,-22} (no cursor of this kind)");
        return;
    }

    times.Sort();
    counts.Sort();
    double Percentile(double p) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind,-22} {times.Count,4} {Percentile(0.5),8:0.00} {Percentile(0.99),8:0.00} {times[^1],8:0.00} {counts[counts.Count / 2],11} {incomplete,12}"));
}
