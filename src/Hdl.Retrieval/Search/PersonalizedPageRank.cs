using System.Collections.Immutable;

namespace Hdl.Retrieval.Search;

/// <summary>
/// Personalized PageRank on a small undirected weighted graph: the walk restarts at the seeds in proportion to their
/// weights, so a node scores high when many strong paths lead to it from what the query already matched.
/// </summary>
public static class PersonalizedPageRank
{
    public static ImmutableDictionary<TNode, double> Rank<TNode>(
        IReadOnlyCollection<(TNode From, TNode To, double Weight)> edges,
        IReadOnlyDictionary<TNode, double> seeds,
        double restart,
        int iterations)
        where TNode : notnull
    {
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(seeds);
        var index = new Dictionary<TNode, int>();
        var nodes = new List<TNode>();
        int Id(TNode node)
        {
            if (!index.TryGetValue(node, out var id))
            {
                id = nodes.Count;
                index[node] = id;
                nodes.Add(node);
            }

            return id;
        }

        foreach (var seed in seeds.Keys)
        {
            Id(seed);
        }

        var adjacency = new List<List<(int, double)>>();
        foreach (var (from, to, weight) in edges)
        {
            var a = Id(from);
            var b = Id(to);
            while (adjacency.Count < nodes.Count)
            {
                adjacency.Add([]);
            }

            adjacency[a].Add((b, weight));
            adjacency[b].Add((a, weight));
        }

        while (adjacency.Count < nodes.Count)
        {
            adjacency.Add([]);
        }

        var count = nodes.Count;
        var personalization = new double[count];
        var seedTotal = seeds.Values.Sum();
        if (count == 0 || seedTotal <= 0)
        {
            return ImmutableDictionary<TNode, double>.Empty;
        }

        foreach (var (seed, weight) in seeds)
        {
            personalization[index[seed]] = weight / seedTotal;
        }

        var outWeight = adjacency.Select(list => list.Sum(pair => pair.Item2)).ToArray();
        var rank = (double[])personalization.Clone();
        var next = new double[count];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            Array.Clear(next);
            var dangling = 0.0;
            for (var node = 0; node < count; node++)
            {
                if (outWeight[node] <= 0)
                {
                    dangling += rank[node];
                    continue;
                }

                var share = (1 - restart) * rank[node] / outWeight[node];
                foreach (var (neighbour, weight) in adjacency[node])
                {
                    next[neighbour] += share * weight;
                }
            }

            // The restart share of every node and all the mass of dead ends return to the seeds.
            var total = rank.Sum();
            var restartMass = (restart * (total - dangling)) + dangling;
            for (var node = 0; node < count; node++)
            {
                next[node] += restartMass * personalization[node];
            }

            (rank, next) = (next, rank);
        }

        var result = ImmutableDictionary.CreateBuilder<TNode, double>();
        for (var node = 0; node < count; node++)
        {
            result[nodes[node]] = rank[node];
        }

        return result.ToImmutable();
    }
}
