using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Hdl.Retrieval.Chunking;
using Hdl.Retrieval.Storage;

namespace Hdl.Retrieval.Evaluation;

/// <summary>
/// One correct answer: a unit by name, a line span in a file (relative to the repository root, 1-based, inclusive),
/// or a signal of a unit.
/// </summary>
public sealed record GoldEntry(string? Unit, string? File, int? StartLine, int? EndLine, string? Signal);

/// <summary>A query of the evaluation set with its gold answers.</summary>
public sealed record EvalQuery(string Id, string Repo, Granularity Granularity, string Query, ImmutableArray<GoldEntry> Gold);

/// <summary>A line of the query file that could not be read, with where it is.</summary>
public sealed record QuerySetProblem(string Path, int Line, string Message)
{
    public override string ToString() => $"{Path}:{Line.ToString(CultureInfo.InvariantCulture)}: error: {Message}";
}

/// <summary>Reads a JSON-lines query set; a bad line is reported with its number and the rest still load.</summary>
public static class QuerySet
{
    public static (ImmutableArray<EvalQuery> Queries, ImmutableArray<QuerySetProblem> Problems) Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var queries = ImmutableArray.CreateBuilder<EvalQuery>();
        var problems = ImmutableArray.CreateBuilder<QuerySetProblem>();
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                var query = Read(document.RootElement, out var problem);
                if (query is null)
                {
                    problems.Add(new QuerySetProblem(path, index + 1, problem!));
                }
                else
                {
                    queries.Add(query);
                }
            }
            catch (JsonException exception)
            {
                problems.Add(new QuerySetProblem(path, index + 1, $"not a JSON object: {exception.Message}"));
            }
        }

        return (queries.ToImmutable(), problems.ToImmutable());
    }

    private static EvalQuery? Read(JsonElement root, out string? problem)
    {
        problem = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = "expected a JSON object";
            return null;
        }

        var id = String(root, "id") ?? "?";
        var repo = String(root, "repo");
        var text = String(root, "query");
        var granularityText = String(root, "granularity");
        if (repo is null || text is null || granularityText is null)
        {
            problem = $"query '{id}' needs \"repo\", \"granularity\" and \"query\"";
            return null;
        }

        if (!Enum.TryParse<Granularity>(granularityText, ignoreCase: true, out var granularity))
        {
            problem = $"query '{id}': granularity '{granularityText}' is not module, block or signal";
            return null;
        }

        var gold = ImmutableArray.CreateBuilder<GoldEntry>();
        if (root.TryGetProperty("gold", out var goldArray) && goldArray.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in goldArray.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var goldEntry = new GoldEntry(String(entry, "unit"), String(entry, "file"), Int(entry, "startLine"), Int(entry, "endLine"), String(entry, "signal"));
                if (goldEntry.Unit is null && goldEntry.File is null)
                {
                    problem = $"query '{id}': a gold entry needs \"unit\" or \"file\"";
                    return null;
                }

                gold.Add(goldEntry);
            }
        }

        if (gold.Count == 0)
        {
            problem = $"query '{id}' has no gold entries";
            return null;
        }

        return new EvalQuery(id, repo, granularity, text, gold.ToImmutable());
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;
}

/// <summary>Acc@1/5/10 (a correct hit in the first k) and MRR@10 (mean of 1/rank of the first correct hit in the top ten).</summary>
public sealed record EvalMetrics(int Queries, double AccuracyAt1, double AccuracyAt5, double AccuracyAt10, double MrrAt10)
{
    public static EvalMetrics From(IReadOnlyCollection<int?> firstCorrectRanks)
    {
        ArgumentNullException.ThrowIfNull(firstCorrectRanks);
        if (firstCorrectRanks.Count == 0)
        {
            return new EvalMetrics(0, 0, 0, 0, 0);
        }

        double count = firstCorrectRanks.Count;
        double At(int k) => firstCorrectRanks.Count(rank => rank is { } value && value <= k) / count;
        var mrr = firstCorrectRanks.Sum(rank => rank is { } value && value <= 10 ? 1.0 / value : 0) / count;
        return new EvalMetrics(firstCorrectRanks.Count, At(1), At(5), At(10), mrr);
    }
}

/// <summary>Decides whether a result answers a query.</summary>
public static class GoldMatcher
{
    /// <summary>
    /// A unit matches by name (ignoring case for VHDL), a span when the result's lines overlap it in the same file,
    /// a signal by unit and name. <paramref name="relativePath"/> is the result's file relative to the repository root.
    /// </summary>
    public static bool Matches(StoredChunk chunk, string relativePath, GoldEntry gold)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentNullException.ThrowIfNull(gold);
        var comparison = chunk.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (gold.Signal is not null)
        {
            return chunk.Granularity == Granularity.Signal
                && string.Equals(chunk.Name, gold.Signal, comparison)
                && (gold.Unit is null || string.Equals(chunk.Unit, gold.Unit, comparison));
        }

        if (gold.File is not null)
        {
            if (!string.Equals(Normalize(relativePath), Normalize(gold.File), StringComparison.Ordinal))
            {
                return false;
            }

            var start = gold.StartLine ?? 1;
            var end = gold.EndLine ?? int.MaxValue;
            return chunk.StartLine <= end && chunk.EndLine >= start;
        }

        return gold.Unit is not null && string.Equals(chunk.Unit, gold.Unit, comparison);
    }

    private static string Normalize(string path)
    {
        var normalized = path.Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized[2..];
        }

        return normalized;
    }
}
