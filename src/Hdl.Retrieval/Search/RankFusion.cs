using System.Collections.Immutable;

namespace Hdl.Retrieval.Search;

/// <summary>Reciprocal rank fusion: each list adds weight / (k + rank) to the items it ranks.</summary>
public static class RankFusion
{
    /// <summary>Fused scores, best first; ties keep the order of first appearance.</summary>
    public static ImmutableArray<(T Item, double Score)> Fuse<T>(IReadOnlyList<(IReadOnlyList<T> Ranked, double Weight)> lists, double k)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(lists);
        var scores = new Dictionary<T, double>();
        var order = new Dictionary<T, int>();
        foreach (var (ranked, weight) in lists)
        {
            for (var index = 0; index < ranked.Count; index++)
            {
                var item = ranked[index];
                scores[item] = scores.GetValueOrDefault(item) + (weight / (k + index + 1));
                order.TryAdd(item, order.Count);
            }
        }

        return [.. scores.OrderByDescending(pair => pair.Value).ThenBy(pair => order[pair.Key]).Select(pair => (pair.Key, pair.Value))];
    }

    /// <summary>
    /// Score fusion (CombSUM of min-max normalised scores): each list's scores are mapped onto [0, 1] within the list
    /// and added with the list's weight, so a clear winner of one list keeps its margin, which rank fusion flattens.
    /// Ties keep the order of first appearance.
    /// </summary>
    public static ImmutableArray<(T Item, double Score)> FuseScores<T>(IReadOnlyList<(IReadOnlyList<(T Item, double Score)> Scored, double Weight)> lists)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(lists);
        var scores = new Dictionary<T, double>();
        var order = new Dictionary<T, int>();
        foreach (var (scored, weight) in lists)
        {
            if (scored.Count == 0)
            {
                continue;
            }

            var max = scored.Max(item => item.Score);
            var min = scored.Min(item => item.Score);
            foreach (var (item, score) in scored)
            {
                var normalised = max > min ? (score - min) / (max - min) : 1.0;
                scores[item] = scores.GetValueOrDefault(item) + (weight * normalised);
                order.TryAdd(item, order.Count);
            }
        }

        return [.. scores.OrderByDescending(pair => pair.Value).ThenBy(pair => order[pair.Key]).Select(pair => (pair.Key, pair.Value))];
    }
}
