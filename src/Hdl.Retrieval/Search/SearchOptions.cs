using System.Collections.Immutable;
using Hdl.Retrieval.Chunking;
using Hdl.Retrieval.Storage;

namespace Hdl.Retrieval.Search;

/// <summary>Which lists a search uses: one retriever alone, or all three fused.</summary>
public enum SearchMode
{
    Lexical,
    Vector,
    Graph,
    Hybrid,
}

/// <summary>How the lists of a hybrid search are combined.</summary>
public enum FusionMethod
{
    /// <summary>Weighted reciprocal rank fusion: only ranks count.</summary>
    ReciprocalRank,

    /// <summary>Weighted sum of each list's min-max normalised scores.</summary>
    Scores,
}

/// <summary>Weights and depths of the fusion; every number that shapes the ranking is here.</summary>
public sealed record FusionOptions
{
    public static readonly FusionOptions Default = new();

    /// <summary>
    /// Score fusion by default: on the dev sets it ties rank fusion on examples/ and is ahead on OpenTitan (hybrid
    /// MRR@10 0.557 against 0.541), where one list often has a clear winner that rank fusion flattens.
    /// </summary>
    public FusionMethod Method { get; init; } = FusionMethod.Scores;

    /// <summary>
    /// The `k` of reciprocal rank fusion: larger flattens the advantage of the first ranks. 10 rather than the usual
    /// 60: a query here has few right answers, so the first ranks of each list carry most of the evidence (the
    /// OpenTitan dev set: hybrid MRR@10 0.498 at 60, 0.541 at 10; examples dev set unchanged; bench/retrieval/results.md).
    /// </summary>
    public double RrfK { get; init; } = 10;

    public double LexicalWeight { get; init; } = 1.0;

    /// <summary>
    /// Below lexical: on a large repository the vector list is the noisiest. 0.6 rather than 0.3 since the context
    /// lists came (dev set dev-queries-more.jsonl, hybrid MRR@10 all granularities 0.568 at 0.6 against 0.542 at 0.3;
    /// bench/retrieval/results.md); 0.8 since the built-in embedding reads the concept glossary (its vector list got
    /// better: hybrid all 0.599 at 0.6 and 0.609 at 0.8 with concepts, 0.593 at 0.8 without).
    /// </summary>
    public double VectorWeight { get; init; } = 0.8;

    /// <summary>
    /// The personalized PageRank list: low, since the context lists carry most of what the graph adds and the walk's
    /// list alone is noisy (dev set: hybrid 0.580 at 0.35, 0.567 at 0, 0.556 at 0.7; bench/retrieval/results.md).
    /// </summary>
    public double GraphWeight { get; init; } = 0.35;

    /// <summary>
    /// Weight of the unit-context list at block and signal granularity: each candidate scored by how well its unit
    /// answers the query (0 turns it off).
    /// </summary>
    public double ContextWeight { get; init; } = 3.0;

    /// <summary>
    /// Weight of the instantiation-context list at module granularity: units instantiated by the units that match the
    /// query (0 turns it off).
    /// </summary>
    public double InstanceContextWeight { get; init; } = 1.0;

    /// <summary>Units read (per lexical and vector list) to score the candidates' context.</summary>
    public int ContextUnits { get; init; } = 20;

    /// <summary>
    /// Multiplies the fused score of verification code (testbenches, test and simulation folders) unless the query asks
    /// for it: a testbench repeats the names and describes the behaviour of the design it drives, and a query about the
    /// design means the design (1 turns it off).
    /// </summary>
    public double VerificationFactor { get; init; } = 0.5;

    /// <summary>How deep each list is read before fusing.</summary>
    public int CandidateDepth { get; init; } = 50;

    /// <summary>Hits of any granularity that seed the graph walk (a signal hit points at its module).</summary>
    public int GraphSeeds { get; init; } = 20;

    /// <summary>
    /// The `k` of the fusion that weighs the graph seeds: small, so the walk starts mostly from the best few hits
    /// rather than evenly from twenty.
    /// </summary>
    public double SeedRrfK { get; init; } = 2;

    /// <summary>Restart probability of the personalized PageRank: high keeps the walk near the seeds.</summary>
    public double Restart { get; init; } = 0.3;

    public int PageRankIterations { get; init; } = 20;

    /// <summary>
    /// Hops the neighbourhood is expanded from the seeds. One reaches what the three granularities need (a signal's
    /// unit, a unit's members, a block's signals); a second hop through unit headers pulls in thousands of members
    /// on a large repository and costs more than it ranks (measured on OpenTitan, bench/retrieval/results.md).
    /// </summary>
    public int GraphHops { get; init; } = 1;

    /// <summary>Nodes at most in the neighbourhood (a unit with thousands of signals stops growing it).</summary>
    public int MaxGraphNodes { get; init; } = 2000;

    /// <summary>
    /// Edges read per chunk and direction when expanding the neighbourhood. Hub units of a large repository have
    /// thousands of members; reading them all was the slow tail of graph search on OpenTitan (p99 509 ms), and a
    /// sample ranks as well because members the query matched are always read (bench/retrieval/results.md).
    /// </summary>
    public int MaxEdgesPerNode { get; init; } = 64;

    /// <summary>How strongly each kind of edge carries relevance along it.</summary>
    public ImmutableDictionary<ChunkEdgeKind, double> EdgeWeights { get; init; } = new Dictionary<ChunkEdgeKind, double>
    {
        [ChunkEdgeKind.Contains] = 1.0,
        [ChunkEdgeKind.Instantiates] = 0.6,
        [ChunkEdgeKind.Imports] = 0.3,
        [ChunkEdgeKind.Drives] = 1.0,
        [ChunkEdgeKind.Reads] = 0.5,
        [ChunkEdgeKind.Connects] = 0.7,
    }.ToImmutableDictionary();
}

public sealed record SearchOptions
{
    public static readonly SearchOptions Default = new();

    /// <summary>Only chunks of this granularity; null for all.</summary>
    public Granularity? Granularity { get; init; }

    public int Top { get; init; } = 10;

    public SearchMode Mode { get; init; } = SearchMode.Hybrid;

    public FusionOptions Fusion { get; init; } = FusionOptions.Default;

    public LexicalOptions Lexical { get; init; } = LexicalOptions.Default;
}

/// <summary>Why a result is there: the list and rank it came from in each retriever.</summary>
public sealed record SearchSource(SearchMode Retriever, int Rank, double Score);

/// <summary>One result: the chunk, its fused score, and why it matched.</summary>
public sealed record SearchHit(StoredChunk Chunk, double Score)
{
    public ImmutableArray<SearchSource> Sources { get; init; } = [];

    /// <summary>Query terms (after normalisation) that occur in the chunk.</summary>
    public ImmutableArray<string> MatchedTerms { get; init; } = [];

    /// <summary>How the graph walk reached the chunk from a seed (`seed -drives-> chunk`), when it did.</summary>
    public string? GraphPath { get; init; }

    /// <summary>One line saying why the result matched.</summary>
    public string Why
    {
        get
        {
            var parts = new List<string>();
            if (!MatchedTerms.IsEmpty)
            {
                parts.Add($"terms: {string.Join(", ", MatchedTerms)}");
            }

            foreach (var source in Sources)
            {
                parts.Add($"{source.Retriever.ToString().ToLowerInvariant()} #{source.Rank}");
            }

            if (GraphPath is not null)
            {
                parts.Add($"graph: {GraphPath}");
            }

            return string.Join("; ", parts);
        }
    }
}
