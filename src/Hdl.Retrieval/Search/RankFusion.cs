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
}
