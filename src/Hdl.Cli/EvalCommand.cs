using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hdl.Retrieval.Chunking;
using Hdl.Retrieval.Evaluation;
using Hdl.Retrieval.Search;
using Hdl.Retrieval.Storage;
using Hdl.Syntax;

// Console output of a command-line run is line-sized and synchronous by nature; awaiting each write gains nothing.
#pragma warning disable VSTHRD103

namespace Hdl.Cli;

/// <summary>
/// `hdl eval search QUERIES.jsonl --repo NAME=PATH...`: runs every query in every mode and prints Acc@1/5/10 and
/// MRR@10 per mode and granularity, so retrieval quality is measured.
/// </summary>
internal static class EvalCommand
{
    private static readonly SearchMode[] AllModes = [SearchMode.Lexical, SearchMode.Vector, SearchMode.Graph, SearchMode.Hybrid];

    public static Command Create()
    {
        var queries = new Argument<string>("QUERIES") { Description = "JSON-lines query set (id, repo, granularity, query, gold)." };
        var repos = new Option<string[]>("--repo") { Description = "A repository the queries name, as NAME=PATH (repeatable).", HelpName = "NAME=PATH", Required = true };
        var modes = new Option<string[]>("--mode") { Description = "Modes to evaluate (repeatable; default: all four)." };
        modes.AcceptOnlyFromAmong("lexical", "vector", "graph", "hybrid");
        var indexDirectory = new Option<string>("--index-dir") { Description = "Folder holding one index per repository (default: .hdl/eval).", DefaultValueFactory = _ => Path.Combine(".hdl", "eval"), HelpName = "DIR" };
        var misses = new Option<bool>("--misses") { Description = "List the queries hybrid search did not answer in its top ten." };
        var ranks = new Option<bool>("--ranks") { Description = "Print, for every query and mode, the rank of the first right answer and the results above it." };
        var json = new Option<bool>("--json") { Description = "Print the metrics as one JSON document." };
        var fusion = new Option<string?>("--fusion") { Description = "Fusion weights to try, e.g. lexical=1,vector=0.5,graph=0.3,k=60 (default: the built-in ones).", HelpName = "WEIGHTS" };
        var search = new Command("search", "Evaluate search on a query set: Acc@1/5/10 and MRR@10 per mode and granularity.");
        search.Arguments.Add(queries);
        search.Options.Add(repos);
        search.Options.Add(modes);
        search.Options.Add(indexDirectory);
        search.Options.Add(misses);
        search.Options.Add(ranks);
        search.Options.Add(json);
        search.Options.Add(fusion);
        var everyGranularity = new Option<bool>("--every-granularity") { Description = "Also search each query at the other two granularities and report search time per granularity (quality is still measured at the query's own granularity)." };
        var repeat = new Option<int>("--repeat") { Description = "Run the whole query set this many times (search time over all runs; quality from the first).", DefaultValueFactory = _ => 1, HelpName = "N" };
        search.Options.Add(everyGranularity);
        search.Options.Add(repeat);
        var builtin = new Option<string?>("--builtin") { Description = "Built-in embedding settings to try, e.g. dims=256,trigram=0.35,bigram=0.5,term=1,latent=128,share=0.5,concepts=0.2,conceptterms=0 (latent=0: hashed features only; concepts=0: no concept part).", HelpName = "SETTINGS" };
        search.Options.Add(builtin);
        search.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(queries)!,
            parseResult.GetValue(repos) ?? [],
            parseResult.GetValue(modes) is { Length: > 0 } chosen ? [.. chosen.Select(RetrievalArguments.ParseMode)] : AllModes,
            parseResult.GetValue(indexDirectory)!,
            parseResult.GetValue(misses),
            parseResult.GetValue(ranks),
            parseResult.GetValue(json),
            parseResult.GetValue(fusion),
            parseResult.GetValue(builtin),
            new TimingOptions(parseResult.GetValue(everyGranularity), Math.Max(1, parseResult.GetValue(repeat))),
            cancellationToken));
        return new Command("eval", "Measure the quality of a service on a labelled query set.") { search };
    }

    private static async Task<int> RunAsync(string queryPath, string[] repoArguments, SearchMode[] modes, string indexDirectory, bool showMisses, bool showRanks, bool json, string? fusionText, string? builtinText, TimingOptions timing, CancellationToken cancellationToken)
    {
        var embedding = Hdl.Retrieval.Embeddings.HashedEmbeddingOptions.Default;
        var learned = RetrievalBackendOptions.Default.Learned;
        foreach (var (name, value) in Settings(builtinText))
        {
            learned = name switch
            {
                "latent" when value <= 0 => null,
                "latent" => (learned ?? Hdl.Retrieval.Embeddings.RepositoryEmbeddingOptions.Default) with { Latent = (learned ?? Hdl.Retrieval.Embeddings.RepositoryEmbeddingOptions.Default).Latent with { Dimensions = (int)value } },
                "share" when learned is not null => learned with { LatentShare = (float)value },
                "concepts" when learned is not null => learned with { ConceptShare = (float)value },
                "conceptterms" when learned is not null => learned with { ConceptTerms = value > 0 },
                "maxshare" when learned is not null => learned with { Latent = learned.Latent with { MaxDocumentShare = value } },
                _ => learned,
            };
            embedding = name switch
            {
                "dims" => embedding with { Dimensions = (int)value },
                "trigram" => embedding with { TrigramWeight = (float)value },
                "bigram" => embedding with { BigramWeight = (float)value },
                "term" => embedding with { TermWeight = (float)value },
                _ => embedding,
            };
        }

        var fusion = FusionOptions.Default;
        foreach (var setting in (fusionText ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = setting.Split('=');
            if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                Console.Error.WriteLine($"hdl: error: --fusion '{setting}' is not NAME=NUMBER");
                return Program.ExitUsageError;
            }

            fusion = parts[0] switch
            {
                "lexical" => fusion with { LexicalWeight = value },
                "vector" => fusion with { VectorWeight = value },
                "graph" => fusion with { GraphWeight = value },
                "k" => fusion with { RrfK = value },
                "scores" => fusion with { Method = value > 0 ? FusionMethod.Scores : FusionMethod.ReciprocalRank },
                "seeds" => fusion with { GraphSeeds = (int)value },
                "restart" => fusion with { Restart = value },
                "hops" => fusion with { GraphHops = (int)value },
                "context" => fusion with { ContextWeight = value },
                "units" => fusion with { ContextUnits = (int)value },
                "instances" => fusion with { InstanceContextWeight = value },
                "depth" => fusion with { CandidateDepth = (int)value },
                "verification" => fusion with { VerificationFactor = value },
                _ => fusion,
            };
        }

        string text;
        try
        {
            text = File.ReadAllText(queryPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"hdl: error: cannot read query set '{queryPath}': {exception.Message}");
            return Program.ExitUsageError;
        }

        var (queries, problems) = QuerySet.Parse(text, queryPath);
        foreach (var problem in problems)
        {
            Console.Error.WriteLine(problem.ToString());
        }

        var repos = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var argument in repoArguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !Directory.Exists(argument[(equals + 1)..]))
            {
                Console.Error.WriteLine($"hdl: error: --repo '{argument}' is not NAME=PATH with an existing folder");
                return Program.ExitUsageError;
            }

            repos[argument[..equals]] = Path.GetFullPath(argument[(equals + 1)..]);
        }

        var ranks = new Dictionary<(SearchMode, Granularity), List<int?>>();
        var missed = new List<string>();
        var skipped = 0;
        var latencies = new List<double>();
        var latenciesByGranularity = new Dictionary<(SearchMode, Granularity), List<double>>();
        foreach (var group in queries.GroupBy(query => query.Repo))
        {
            if (!repos.TryGetValue(group.Key, out var root))
            {
                Console.Error.WriteLine($"hdl: warning: {group.Count()} queries name repository '{group.Key}', which no --repo gives; skipped");
                skipped += group.Count();
                continue;
            }

            var request = new WorkspaceRequest([root], [], [], [], [], LanguageVersion.Vhdl2008, Path.Combine(indexDirectory, group.Key), NoPersistedIndex: false);
            var (session, openProblems) = await RetrievalSession.OpenAsync(request, RetrievalBackendOptions.Default with { Builtin = embedding, Learned = learned }, showProgress: !json, cancellationToken).ConfigureAwait(false);
            foreach (var problem in openProblems)
            {
                Console.Error.WriteLine($"hdl: error: {problem}");
            }

            if (session is null)
            {
                return Program.ExitUsageError;
            }

            using (session)
            {
                if (session.UpdateSummary is { } summary)
                {
                    Console.Error.WriteLine($"{group.Key}: {summary}");
                }

                for (var run = 0; run < timing.Repeat; run++)
                {
                    foreach (var query in group)
                    {
                        foreach (var mode in modes)
                        {
                            // The other granularities are searched for their time only: the gold answers one granularity.
                            foreach (var granularity in timing.EveryGranularity ? OtherGranularities(query.Granularity) : [])
                            {
                                var timed = Stopwatch.StartNew();
                                await session.SearchAsync(query.Query, SearchOptions.Default with { Granularity = granularity, Top = 10, Mode = mode, Fusion = fusion }, cancellationToken).ConfigureAwait(false);
                                Record(mode, granularity, timed.Elapsed.TotalMilliseconds);
                            }

                            var stopwatch = Stopwatch.StartNew();
                            var hits = await session.SearchAsync(query.Query, SearchOptions.Default with { Granularity = query.Granularity, Top = 10, Mode = mode, Fusion = fusion }, cancellationToken).ConfigureAwait(false);
                            Record(mode, query.Granularity, stopwatch.Elapsed.TotalMilliseconds);
                            if (run > 0)
                            {
                                continue;
                            }

                            int? rank = null;
                            for (var index = 0; index < hits.Length && rank is null; index++)
                            {
                                var relative = Path.GetRelativePath(root, Path.GetFullPath(hits[index].Chunk.Path));
                                if (query.Gold.Any(gold => GoldMatcher.Matches(hits[index].Chunk, relative, gold)))
                                {
                                    rank = index + 1;
                                }
                            }

                            if (!ranks.TryGetValue((mode, query.Granularity), out var list))
                            {
                                ranks[(mode, query.Granularity)] = list = [];
                            }

                            list.Add(rank);
                            if (showRanks)
                            {
                                // One line per query and mode: the rank of the first right answer and what ranked above it.
                                var above = string.Join(" | ", hits.Take(Math.Min(3, (rank ?? 4) - 1)).Select(hit => hit.Chunk.Context));
                                Console.WriteLine($"rank: {query.Id} {mode.ToString().ToLowerInvariant()} {(rank is { } found ? found.ToString(CultureInfo.InvariantCulture) : "-")} {above}");
                            }

                            if (showMisses && mode == SearchMode.Hybrid && rank is null)
                            {
                                missed.Add($"{query.Id} ({query.Granularity.ToString().ToLowerInvariant()}): {query.Query} -> {(hits.IsEmpty ? "no results" : hits[0].Chunk.Context)}");
                            }
                        }
                    }
                }

                Console.Error.WriteLine($"{group.Key}: {session.LexicalIndexSummary()}");
                if (session.VectorScanSummary() is { } vectorScan)
                {
                    Console.Error.WriteLine($"{group.Key}: {vectorScan}");
                }
            }
        }

        void Record(SearchMode mode, Granularity granularity, double milliseconds)
        {
            latencies.Add(milliseconds);
            if (!latenciesByGranularity.TryGetValue((mode, granularity), out var list))
            {
                latenciesByGranularity[(mode, granularity)] = list = [];
            }

            list.Add(milliseconds);
        }

        var rows = new List<(string Mode, string Granularity, EvalMetrics Metrics)>();
        foreach (var mode in modes)
        {
            foreach (var granularity in new Granularity?[] { Granularity.Module, Granularity.Block, Granularity.Signal, null })
            {
                var firstRanks = ranks.Where(pair => pair.Key.Item1 == mode && (granularity is null || pair.Key.Item2 == granularity)).SelectMany(pair => pair.Value).ToList();
                if (firstRanks.Count > 0)
                {
                    rows.Add((mode.ToString().ToLowerInvariant(), granularity?.ToString().ToLowerInvariant() ?? "all", EvalMetrics.From(firstRanks)));
                }
            }
        }

        // The first searches load the vectors and warm the caches: reported apart, not mixed into the percentiles.
        var warm = latencies.Skip(Math.Min(latencies.Count - 1, modes.Length)).Order().ToList();
        var latency = new Latency(
            latencies.Count == 0 ? 0 : latencies.Average(),
            Percentile(warm, 0.50),
            Percentile(warm, 0.99),
            latencies.Count == 0 ? 0 : latencies[0]);
        if (json)
        {
            WriteJson(queryPath, queries.Length, skipped, latency, rows);
        }
        else
        {
            Console.WriteLine("| mode | granularity | queries | Acc@1 | Acc@5 | Acc@10 | MRR@10 |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
            foreach (var (mode, granularity, metrics) in rows)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {mode} | {granularity} | {metrics.Queries} | {metrics.AccuracyAt1:0.000} | {metrics.AccuracyAt5:0.000} | {metrics.AccuracyAt10:0.000} | {metrics.MrrAt10:0.000} |"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{queries.Length} queries ({skipped} skipped); search time mean {latency.Mean:0.0} ms, p50 {latency.P50:0.0} ms, p99 {latency.P99:0.0} ms, first {latency.First:0.0} ms"));
            if (timing.EveryGranularity || timing.Repeat > 1)
            {
                // Per mode and granularity, the first search of each (it may load the vectors or the graph) left out.
                foreach (var ((mode, granularity), times) in latenciesByGranularity.OrderBy(pair => pair.Key))
                {
                    var sorted = times.Skip(1).Order().ToList();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"search time {mode.ToString().ToLowerInvariant()} {granularity.ToString().ToLowerInvariant()}: {sorted.Count} searches, p50 {Percentile(sorted, 0.50):0.0} ms, p99 {Percentile(sorted, 0.99):0.0} ms, max {(sorted.Count == 0 ? 0 : sorted[^1]):0.0} ms"));
                }
            }

            foreach (var miss in missed)
            {
                Console.WriteLine($"miss: {miss}");
            }
        }

        return problems.IsEmpty ? Program.ExitSuccess : Program.ExitErrorsFound;
    }

    private static Granularity[] OtherGranularities(Granularity granularity) =>
        [.. new[] { Granularity.Module, Granularity.Block, Granularity.Signal }.Where(other => other != granularity)];

    /// <summary>How `eval` times searches: at every granularity or only the query's, and how many runs of the set.</summary>
    private sealed record TimingOptions(bool EveryGranularity, int Repeat);

    /// <summary>`name=number` pairs separated by commas; a malformed pair is skipped.</summary>
    private static IEnumerable<(string Name, double Value)> Settings(string? text)
    {
        foreach (var setting in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = setting.Split('=');
            if (parts.Length == 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                yield return (parts[0], value);
            }
        }
    }

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];

    private sealed record Latency(double Mean, double P50, double P99, double First);

    private static void WriteJson(string queryPath, int queryCount, int skipped, Latency latency, List<(string Mode, string Granularity, EvalMetrics Metrics)> rows)
    {
        using var output = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("queries", queryPath);
            writer.WriteNumber("queryCount", queryCount);
            writer.WriteNumber("skipped", skipped);
            writer.WriteStartObject("searchMilliseconds");
            writer.WriteNumber("mean", Math.Round(latency.Mean, 2));
            writer.WriteNumber("p50", Math.Round(latency.P50, 2));
            writer.WriteNumber("p99", Math.Round(latency.P99, 2));
            writer.WriteNumber("first", Math.Round(latency.First, 2));
            writer.WriteEndObject();
            writer.WriteStartObject("modes");
            foreach (var mode in rows.GroupBy(row => row.Mode))
            {
                writer.WriteStartObject(mode.Key);
                foreach (var (_, granularity, metrics) in mode)
                {
                    writer.WriteStartObject(granularity);
                    writer.WriteNumber("queries", metrics.Queries);
                    writer.WriteNumber("acc@1", Math.Round(metrics.AccuracyAt1, 4));
                    writer.WriteNumber("acc@5", Math.Round(metrics.AccuracyAt5, 4));
                    writer.WriteNumber("acc@10", Math.Round(metrics.AccuracyAt10, 4));
                    writer.WriteNumber("mrr@10", Math.Round(metrics.MrrAt10, 4));
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
    }
}
