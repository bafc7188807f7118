using Hdl.Retrieval.Search;

namespace Hdl.Retrieval.Tests;

/// <summary>Reciprocal rank fusion and personalized PageRank on hand-computed cases.</summary>
public class RankingTests
{
    [Fact]
    public void Fusion_adds_weighted_reciprocal_ranks()
    {
        var fused = RankFusion.Fuse<string>([(["a", "b", "c"], 1.0), (["c", "a"], 2.0)], k: 1);

        // a: 1/2 + 2/3; c: 1/4 + 2/2; b: 1/3
        Assert.Equal(["c", "a", "b"], fused.Select(item => item.Item).ToArray());
        Assert.Equal(1.25, fused[0].Score, 6);
        Assert.Equal(0.5 + (2.0 / 3), fused[1].Score, 6);
    }

    [Fact]
    public void Fusion_keeps_first_seen_order_on_ties() =>
        Assert.Equal(["x", "y"], RankFusion.Fuse<string>([(["x"], 1.0), (["y"], 1.0)], k: 60).Select(item => item.Item).ToArray());

    [Fact]
    public void Score_fusion_adds_weighted_min_max_normalised_scores()
    {
        var fused = RankFusion.FuseScores<string>([([("a", 10.0), ("b", 6.0), ("c", 2.0)], 1.0), ([("c", 0.9), ("a", 0.1)], 2.0)]);

        // a: 1 + 0; b: 0.5; c: 0 + 2·1
        Assert.Equal(["c", "a", "b"], fused.Select(item => item.Item).ToArray());
        Assert.Equal([2.0, 1.0, 0.5], fused.Select(item => item.Score).ToArray());
    }

    [Fact]
    public void Score_fusion_counts_a_list_of_equal_scores_as_all_best() =>
        Assert.Equal([1.0, 1.0], RankFusion.FuseScores<string>([([("x", 3.0), ("y", 3.0)], 1.0)]).Select(item => item.Score).ToArray());

    [Fact]
    public void Pagerank_favours_a_node_reached_from_two_seeds()
    {
        // s1 - shared - s2, s1 - lonely: shared is one step from both seeds, lonely from one.
        var ranks = PersonalizedPageRank.Rank(
            [("s1", "shared", 1.0), ("s2", "shared", 1.0), ("s1", "lonely", 1.0)],
            new Dictionary<string, double> { ["s1"] = 1, ["s2"] = 1 },
            restart: 0.3,
            iterations: 30);
        Assert.True(ranks["shared"] > ranks["lonely"], $"shared {ranks["shared"]} lonely {ranks["lonely"]}");
        Assert.Equal(1.0, ranks.Values.Sum(), 6);
    }

    [Fact]
    public void Pagerank_with_no_edges_returns_the_seeds()
    {
        var ranks = PersonalizedPageRank.Rank<string>([], new Dictionary<string, double> { ["only"] = 2 }, 0.3, 10);
        Assert.Equal(1.0, ranks["only"], 6);
    }
}
