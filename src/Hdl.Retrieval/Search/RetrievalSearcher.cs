using System.Collections.Immutable;
using Hdl.Retrieval.Chunking;
using Hdl.Retrieval.Storage;
using Hdl.Retrieval.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace Hdl.Retrieval.Search;

/// <summary>
/// Answers a query from the retrieval index: BM25 over the analysed fields, nearest vectors, and a personalized
/// PageRank walk over the chunk graph seeded by both, fused by reciprocal rank fusion. Reads only the index, so a
/// search needs no parsing.
/// </summary>
public sealed class RetrievalSearcher(
    SqliteRetrievalStore store,
    VectorStoreCollection<string, ChunkVectorRecord> vectors,
    IEmbeddingGenerator<string, Embedding<float>> generator,
    TextAnalyzer analyzer)
{
    public async Task<ImmutableArray<SearchHit>> SearchAsync(string query, SearchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        var fusion = options.Fusion;
        var terms = analyzer.AnalyzeQuery(query);
        if (terms.IsEmpty)
        {
            // Nothing in the query survives analysis (only stop words or punctuation): there is nothing to match.
            return [];
        }
        var useLexical = options.Mode is SearchMode.Lexical or SearchMode.Hybrid or SearchMode.Graph;
        var useVector = options.Mode is SearchMode.Vector or SearchMode.Hybrid or SearchMode.Graph;
        var useGraph = options.Mode is SearchMode.Graph or SearchMode.Hybrid;

        // Every list a search needs is asked for at once: the query's granularity, all granularities for the graph
        // seeds (a module is often found through the signal or block that matched) and modules for the unit context.
        // One pass over the postings and one scan of the vectors serve them all.
        var requests = new List<(Granularity? Granularity, int Depth)> { (options.Granularity, fusion.CandidateDepth) };
        var seedRequest = useGraph && options.Granularity is not null ? Add(requests, (null, fusion.GraphSeeds)) : -1;
        var useUnitContext = useGraph && options.Granularity is Granularity.Block or Granularity.Signal && fusion.ContextWeight > 0;
        var unitRequest = useUnitContext ? Add(requests, (Granularity.Module, fusion.ContextUnits)) : -1;

        // The lexical lists come from the store's in-memory postings, the vector lists from vectors held in memory (or
        // another server): they share nothing once both are loaded, so the embedding and the scan run on a pool thread
        // beside the BM25 pass and a hybrid search costs the slower of the two, not their sum.
        Task<(ReadOnlyMemory<float>? Query, ImmutableArray<ImmutableArray<(string Id, double Score)>> Lists)>? vectorSearch = null;
        if (useVector)
        {
            (vectors as SqliteVectorCollection)?.EnsureLoaded();
            vectorSearch = Task.Run(() => EmbedAndSearchAsync(query, requests, cancellationToken), cancellationToken);
        }

        var lexicalTerms = options.Granularity == Granularity.Signal && options.Lexical.RoleTerms
            ? [.. terms, .. terms.Select(term => SignalRoleOptions.TermPrefix + term)]
            : terms;
        var lexicalLists = useLexical ? Lexical(lexicalTerms, requests, options.Lexical) : [.. requests.Select(_ => ImmutableArray<(string, double)>.Empty)];
        var (queryVector, vectorLists) = vectorSearch is null
            ? (null, [.. requests.Select(_ => ImmutableArray<(string, double)>.Empty)])
            : await vectorSearch.ConfigureAwait(false);
        var lexical = lexicalLists[0];
        var vector = vectorLists[0];

        var graphPaths = new Dictionary<string, string>(StringComparer.Ordinal);
        ImmutableArray<(string Id, double Score)> graph = [];
        if (useGraph)
        {
            var seedLexical = seedRequest < 0 ? lexical : lexicalLists[seedRequest];
            var seedVector = seedRequest < 0 || queryVector is null ? vector : vectorLists[seedRequest];
            // Candidates of either list are the neighbours worth reading past a hub's edge cap.
            var candidates = lexical.Concat(vector).Concat(seedLexical).Concat(seedVector).Select(item => item.Id).ToHashSet(StringComparer.Ordinal);
            graph = Graph(seedLexical.Take(fusion.GraphSeeds).ToList(), seedVector.Take(fusion.GraphSeeds).ToList(), candidates, options.Granularity, fusion, graphPaths);
        }

        // A block or signal is read in the context of its unit: the query often names what the unit is ("the
        // counter of the timer"), which the member's own few lines do not say. Each candidate of the lexical and
        // vector lists gets its unit's relevance to the query; this is graph evidence (the containment edge from a
        // matched unit to its members) that neither list has alone.
        ImmutableArray<(string Id, double Score)> context = [];
        if (useUnitContext)
        {
            context = UnitContext(lexicalLists[unitRequest], queryVector is null ? [] : vectorLists[unitRequest], lexical, vector, fusion);
        }

        // A unit is also found through the units that instantiate it: a testbench or a wrapper repeats the words of
        // what it instantiates (its instance and port names), and when it matches, the instantiated unit is the
        // likelier answer.
        if (useGraph && options.Granularity is Granularity.Module && fusion.InstanceContextWeight > 0)
        {
            context = InstantiatedContext(lexical, vector, fusion);
        }

        var lists = new List<(IReadOnlyList<string>, double)>();
        var scoredLists = new List<(IReadOnlyList<(string, double)>, double)>();
        var sources = new Dictionary<string, List<SearchSource>>(StringComparer.Ordinal);
        void AddList(ImmutableArray<(string Id, double Score)> list, SearchMode retriever, double weight, bool fused)
        {
            for (var rank = 0; rank < list.Length; rank++)
            {
                if (!sources.TryGetValue(list[rank].Id, out var entry))
                {
                    sources[list[rank].Id] = entry = [];
                }

                entry.Add(new SearchSource(retriever, rank + 1, list[rank].Score));
            }

            if (fused)
            {
                lists.Add(([.. list.Select(item => item.Id)], weight));
                scoredLists.Add((list, weight));
            }
        }

        AddList(lexical, SearchMode.Lexical, fusion.LexicalWeight, options.Mode is SearchMode.Lexical or SearchMode.Hybrid);
        AddList(vector, SearchMode.Vector, fusion.VectorWeight, options.Mode is SearchMode.Vector or SearchMode.Hybrid);
        AddList(graph, SearchMode.Graph, fusion.GraphWeight, options.Mode is SearchMode.Graph or SearchMode.Hybrid);
        AddList(context, SearchMode.Graph, options.Granularity is Granularity.Module ? fusion.InstanceContextWeight : fusion.ContextWeight, options.Mode is SearchMode.Graph or SearchMode.Hybrid);

        IEnumerable<(string Item, double Score)> ranked = fusion.Method == FusionMethod.Scores ? RankFusion.FuseScores(scoredLists) : RankFusion.Fuse(lists, fusion.RrfK);
        if (fusion.VerificationFactor != 1 && !VerificationCode.AskedFor(query))
        {
            // OrderByDescending is stable: among equal scores the fusion's order stays.
            ranked = ranked.Select(item => (item.Item, Score: VerificationCode.Contains(item.Item) ? item.Score * fusion.VerificationFactor : item.Score))
                .OrderByDescending(item => item.Score);
        }

        var fused = ranked.Take(options.Top).ToList();
        var chunks = store.ChunksById(fused.Select(item => item.Item));
        var matchedTerms = store.MatchedTerms(chunks.Values.Select(chunk => chunk.RowId), terms);
        var hits = ImmutableArray.CreateBuilder<SearchHit>();
        foreach (var (id, score) in fused)
        {
            if (!chunks.TryGetValue(id, out var chunk))
            {
                continue;
            }

            var matched = matchedTerms.GetValueOrDefault(chunk.RowId, []);
            hits.Add(new SearchHit(chunk, score)
            {
                Sources = [.. sources.GetValueOrDefault(id) ?? []],
                MatchedTerms = matched,
                GraphPath = graphPaths.GetValueOrDefault(id),
            });
        }

        return hits.ToImmutable();
    }

    /// <summary>
    /// The candidates of the lexical and vector lists scored by how well their unit answers the query: the units'
    /// lexical and vector scores at module granularity (<paramref name="unitLexical"/>, <paramref name="unitVector"/>),
    /// each normalised by its list's best, weighted like the lists.
    /// </summary>
    private ImmutableArray<(string Id, double Score)> UnitContext(
        ImmutableArray<(string Id, double Score)> unitLexical,
        ImmutableArray<(string Id, double Score)> unitVector,
        ImmutableArray<(string Id, double Score)> lexical,
        ImmutableArray<(string Id, double Score)> vector,
        FusionOptions fusion)
    {
        var unitChunks = store.ChunksById(unitLexical.Concat(unitVector).Select(item => item.Id));
        var unitScores = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        void AddUnits(ImmutableArray<(string Id, double Score)> list, double weight)
        {
            var best = list.IsEmpty ? 0 : list.Max(item => item.Score);
            if (best <= 0)
            {
                return;
            }

            // A unit declared twice (an entity and its architecture) counts once, by its better chunk.
            var perUnit = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            foreach (var (id, score) in list)
            {
                if (unitChunks.TryGetValue(id, out var chunk))
                {
                    perUnit[chunk.Unit] = Math.Max(perUnit.GetValueOrDefault(chunk.Unit), Math.Max(0, score) / best);
                }
            }

            foreach (var (unit, score) in perUnit)
            {
                unitScores[unit] = unitScores.GetValueOrDefault(unit) + (weight * score);
            }
        }

        AddUnits(unitLexical, fusion.LexicalWeight);
        AddUnits(unitVector, fusion.VectorWeight);
        if (unitScores.Count == 0)
        {
            return [];
        }

        var candidates = store.ChunksById(lexical.Concat(vector).Select(item => item.Id));
        return [.. lexical.Concat(vector)
            .Select(item => item.Id)
            .Distinct(StringComparer.Ordinal)
            .Select(id => (Id: id, Score: candidates.TryGetValue(id, out var chunk) ? unitScores.GetValueOrDefault(chunk.Unit) : 0))
            .Where(item => item.Score > 0)
            .OrderByDescending(item => item.Score)];
    }

    /// <summary>
    /// Units instantiated by the units of the lexical and vector lists, each scored by its best-matching instantiator
    /// (the instantiators' scores normalised by their list's best and weighted like the lists).
    /// </summary>
    private ImmutableArray<(string Id, double Score)> InstantiatedContext(
        ImmutableArray<(string Id, double Score)> lexical,
        ImmutableArray<(string Id, double Score)> vector,
        FusionOptions fusion)
    {
        var parents = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (list, weight) in new[] { (lexical, fusion.LexicalWeight), (vector, fusion.VectorWeight) })
        {
            var best = list.IsEmpty ? 0 : list.Max(item => item.Score);
            if (best <= 0)
            {
                continue;
            }

            foreach (var (id, score) in list.Take(fusion.ContextUnits))
            {
                parents[id] = parents.GetValueOrDefault(id) + (weight * Math.Max(0, score) / best);
            }
        }

        var children = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var edge in store.EdgesFrom(parents.Keys, ChunkEdgeKind.Instantiates))
        {
            if (parents.TryGetValue(edge.Source, out var parent) && parent > 0)
            {
                children[edge.Target] = Math.Max(children.GetValueOrDefault(edge.Target), parent);
            }
        }

        return [.. children.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => (pair.Key, pair.Value))];
    }

    private static int Add(List<(Granularity? Granularity, int Depth)> requests, (Granularity? Granularity, int Depth) request)
    {
        requests.Add(request);
        return requests.Count - 1;
    }

    /// <summary>The BM25 list of each request, from one pass over the in-memory postings.</summary>
    private ImmutableArray<ImmutableArray<(string Id, double Score)>> Lexical(ImmutableArray<string> terms, List<(Granularity? Granularity, int Depth)> requests, LexicalOptions options)
    {
        var lists = store.SearchLexical(terms, [.. requests.Select(request => new LexicalRequest(request.Granularity, request.Depth))], options);
        var ids = store.ChunkIdsByRowId(lists.SelectMany(rows => rows).Select(row => row.RowId));
        return [.. lists.Select(rows => rows.Where(row => ids.ContainsKey(row.RowId)).Select(row => (ids[row.RowId], row.Score)).ToImmutableArray())];
    }

    private async Task<(ReadOnlyMemory<float>? Query, ImmutableArray<ImmutableArray<(string Id, double Score)>> Lists)> EmbedAndSearchAsync(
        string query, List<(Granularity? Granularity, int Depth)> requests, CancellationToken cancellationToken)
    {
        var embeddings = await generator.GenerateAsync([query], cancellationToken: cancellationToken).ConfigureAwait(false);
        var vector = embeddings[0].Vector;
        return (vector, await VectorAsync(vector, requests, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The nearest vectors for each request: one scan of the embedded store, or one search per request elsewhere.</summary>
    private async Task<ImmutableArray<ImmutableArray<(string Id, double Score)>>> VectorAsync(ReadOnlyMemory<float> query, List<(Granularity? Granularity, int Depth)> requests, CancellationToken cancellationToken)
    {
        if (vectors is SqliteVectorCollection embedded)
        {
            return embedded.SearchGranularities(query, [.. requests.Select(request => new VectorRequest(request.Granularity, request.Depth))], cancellationToken);
        }

        var lists = ImmutableArray.CreateBuilder<ImmutableArray<(string Id, double Score)>>(requests.Count);
        foreach (var (granularity, depth) in requests)
        {
            lists.Add(await VectorAsync(query, granularity, depth, cancellationToken).ConfigureAwait(false));
        }

        return lists.MoveToImmutable();
    }

    private async Task<ImmutableArray<(string Id, double Score)>> VectorAsync(ReadOnlyMemory<float> query, Granularity? granularity, int depth, CancellationToken cancellationToken)
    {
        var searchOptions = new VectorSearchOptions<ChunkVectorRecord>();
        if (granularity is { } grain)
        {
            var name = ChunkVectorRecord.GranularityName(grain);
            searchOptions.Filter = record => record.Granularity == name;
        }

        var result = ImmutableArray.CreateBuilder<(string, double)>();
        await foreach (var hit in vectors.SearchAsync(query, depth, searchOptions, cancellationToken).ConfigureAwait(false))
        {
            result.Add((hit.Record.Id, hit.Score ?? 0));
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// Expands the seeds' neighbourhood hop by hop over the stored chunk edges, ranks it by personalized PageRank
    /// and keeps the requested granularity. Records for each reached chunk the path from its seed.
    /// </summary>
    private ImmutableArray<(string Id, double Score)> Graph(
        List<(string Id, double Score)> lexicalSeeds,
        List<(string Id, double Score)> vectorSeeds,
        IReadOnlyCollection<string> candidates,
        Granularity? granularity,
        FusionOptions fusion,
        Dictionary<string, string> paths)
    {
        var seedScores = RankFusion.Fuse([(lexicalSeeds.Select(seed => seed.Id).ToList(), fusion.LexicalWeight), (vectorSeeds.Select(seed => seed.Id).ToList(), fusion.VectorWeight)], fusion.SeedRrfK)
            .Where(pair => pair.Score > 0)
            .ToDictionary(pair => pair.Item, pair => pair.Score, StringComparer.Ordinal);
        if (seedScores.Count == 0)
        {
            return [];
        }

        var parents = new Dictionary<string, (string Parent, ChunkEdgeKind Kind)?>(StringComparer.Ordinal);
        foreach (var seed in seedScores.Keys)
        {
            parents[seed] = null;
        }

        var edges = new List<(string, string, double)>();
        var seenEdges = new HashSet<(string, string, ChunkEdgeKind)>();
        var frontier = seedScores.Keys.ToList();
        for (var hop = 0; hop < fusion.GraphHops && frontier.Count > 0 && parents.Count < fusion.MaxGraphNodes; hop++)
        {
            var next = new List<string>();
            foreach (var edge in store.EdgesTouching(frontier, fusion.MaxEdgesPerNode, candidates))
            {
                if (!seenEdges.Add((edge.Source, edge.Target, edge.Kind)))
                {
                    continue;
                }

                edges.Add((edge.Source, edge.Target, fusion.EdgeWeights.GetValueOrDefault(edge.Kind, 0.5)));
                foreach (var (from, to) in new[] { (edge.Source, edge.Target), (edge.Target, edge.Source) })
                {
                    if (parents.ContainsKey(from) && !parents.ContainsKey(to) && parents.Count < fusion.MaxGraphNodes)
                    {
                        parents[to] = (from, edge.Kind);
                        next.Add(to);
                    }
                }
            }

            frontier = next;
        }

        var ranks = PersonalizedPageRank.Rank(edges, seedScores, fusion.Restart, fusion.PageRankIterations);
        var result = ranks
            .Where(pair => granularity is null || ChunkIds.GranularityOf(pair.Key) == granularity)
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Take(fusion.CandidateDepth)
            .Select(pair => (pair.Key, pair.Value))
            .ToImmutableArray();
        foreach (var (id, _) in result)
        {
            if (parents.GetValueOrDefault(id) is not null)
            {
                paths[id] = PathTo(id, parents);
            }
        }

        return result;
    }

    private static string PathTo(string id, Dictionary<string, (string Parent, ChunkEdgeKind Kind)?> parents)
    {
        var steps = new List<string> { ChunkIds.DisplayName(id) };
        var current = id;
        while (parents.GetValueOrDefault(current) is { } step && steps.Count < 8)
        {
            steps.Add($"-{step.Kind.ToString().ToLowerInvariant()}-");
            steps.Add(ChunkIds.DisplayName(step.Parent));
            current = step.Parent;
        }

        steps.Reverse();
        return string.Join(' ', steps);
    }
}

/// <summary>Reads the parts of a chunk id (`path#kind:name[:ordinal]`) without a database lookup.</summary>
public static class ChunkIds
{
    public static ChunkKind? KindOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var hash = id.LastIndexOf('#');
        var colon = hash < 0 ? -1 : id.IndexOf(':', hash);
        return colon > hash && Enum.TryParse<ChunkKind>(id.AsSpan(hash + 1, colon - hash - 1), ignoreCase: true, out var kind) ? kind : null;
    }

    public static Granularity? GranularityOf(string id) => KindOf(id) is { } kind ? Chunk.GranularityOf(kind) : null;

    /// <summary>The name part of the id (`name` of `path#kind:name:2`).</summary>
    public static string NameOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var hash = id.LastIndexOf('#');
        var colon = id.IndexOf(':', hash + 1);
        if (colon < 0)
        {
            return string.Empty;
        }

        var end = id.IndexOf(':', colon + 1);
        return end < 0 ? id[(colon + 1)..] : id[(colon + 1)..end];
    }

    /// <summary>`kind name` for a graph path.</summary>
    public static string DisplayName(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var hash = id.LastIndexOf('#');
        return hash < 0 ? id : id[(hash + 1)..].Replace(':', ' ');
    }
}
