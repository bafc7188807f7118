using System.Collections.Immutable;
using System.Diagnostics;
using Hdl.Retrieval.Chunking;
using Hdl.Retrieval.Embeddings;
using Hdl.Retrieval.Storage;
using Hdl.Retrieval.Text;
using Hdl.Workspace;
using Hdl.Workspace.Graph;
using Hdl.Workspace.Index;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace Hdl.Retrieval.Indexing;

/// <summary>What an index update did.</summary>
public sealed record RetrievalIndexUpdate(int FilesUpdated, int FilesRemoved, int ChunksWritten, int EdgesWritten, int TotalChunks, bool Reembedded)
{
    /// <summary>Elapsed time per phase (chunking, graph, store, embedding, vectors), for benchmarks.</summary>
    public ImmutableArray<(string Phase, TimeSpan Elapsed)> Phases { get; init; } = [];
}

/// <summary>Settings of the index build.</summary>
public sealed record RetrievalIndexOptions
{
    public static readonly RetrievalIndexOptions Default = new();

    public ChunkingOptions Chunking { get; init; } = ChunkingOptions.Default;

    /// <summary>Texts sent to the embedding generator at once.</summary>
    public int EmbeddingBatchSize { get; init; } = 256;

    /// <summary>Files chunked and batches embedded at once; the host passes the processor count.</summary>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    /// <summary>Characters of a chunk given to the embedding generator (remote models have input limits).</summary>
    public int MaxEmbeddingCharacters { get; init; } = 4000;

    /// <summary>
    /// Whether a signal's role words (<see cref="Chunk.Role"/>) are indexed, as terms of their own
    /// (<see cref="SignalRoleOptions.TermPrefix"/>) in its comments. The embedding does not read them: on the dev sets
    /// they made the vector list's signals a little better but, through the graph's all-granularity seeds, hybrid
    /// blocks worse (MRR@10 0.651 → 0.624) and hybrid signals no better.
    /// </summary>
    public bool RolesInLexical { get; init; } = true;
}

/// <summary>
/// Brings the retrieval index up to date with a workspace snapshot: only files whose content hash changed (or that
/// appeared or vanished) are re-chunked, re-embedded and have their graph edges rewritten; every other file's rows
/// stay as they are. A change of embedding provider, model or dimension re-embeds everything.
/// </summary>
public sealed class RetrievalIndexer(
    SqliteRetrievalStore store,
    VectorStoreCollection<string, ChunkVectorRecord> vectors,
    IEmbeddingGenerator<string, Embedding<float>> generator,
    TextAnalyzer analyzer,
    RetrievalIndexOptions options)
{
    /// <summary>Bumped when chunking or analysis changes, so an old index is rebuilt rather than mixed.</summary>
    public const string IndexFormat = "chunks-v4";

    public static string EmbeddingIdentity(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        return $"{metadata?.ProviderName ?? generator.GetType().Name}/{metadata?.DefaultModelId ?? "default"}/{metadata?.DefaultModelDimensions?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}";
    }

    /// <summary>
    /// Whether every chunk must be embedded again: the provider, model or dimension changed, or the built-in
    /// embedding has no model learned from this repository yet.
    /// </summary>
    private bool NeedsReembedding() =>
        !string.Equals(store.GetMeta("embedding"), EmbeddingIdentity(generator), StringComparison.Ordinal)
        || generator is RepositoryEmbeddingGenerator { IsTrained: false };

    /// <summary>Files whose stored hash differs from the snapshot's (new, changed) and stored files the snapshot lacks.</summary>
    public (ImmutableArray<string> Changed, ImmutableArray<string> Removed) Differences(IReadOnlyDictionary<string, string> currentHashes)
    {
        ArgumentNullException.ThrowIfNull(currentHashes);
        var stored = store.FileHashes();
        var everything = NeedsReembedding()
            || !string.Equals(store.GetMeta("format"), IndexFormat, StringComparison.Ordinal);
        var changed = currentHashes.Where(pair => everything || !stored.TryGetValue(pair.Key, out var hash) || hash != pair.Value).Select(pair => pair.Key).Order(StringComparer.Ordinal);
        var removed = stored.Keys.Where(path => !currentHashes.ContainsKey(path)).Order(StringComparer.Ordinal);
        return ([.. changed], [.. removed]);
    }

    public async Task<RetrievalIndexUpdate> UpdateAsync(WorkspaceIndex index, RepositoryGraph graph, ISourceFileReader reader, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(reader);
        // Files without a design model (unreadable, binary) are recorded with no chunks, so they do not look changed
        // on every run.
        var analysed = index.Files.ToList();
        var currentHashes = analysed.ToDictionary(file => file.Path, file => file.ContentHash, StringComparer.Ordinal);
        var (changed, removed) = Differences(currentHashes);
        var reembed = NeedsReembedding();
        await vectors.EnsureCollectionExistsAsync(cancellationToken).ConfigureAwait(false);
        if (changed.IsEmpty && removed.IsEmpty)
        {
            return new RetrievalIndexUpdate(0, 0, 0, 0, store.ChunkCount(), false);
        }

        var phases = ImmutableArray.CreateBuilder<(string, TimeSpan)>();
        var stopwatch = Stopwatch.StartNew();
        void Phase(string name)
        {
            phases.Add((name, stopwatch.Elapsed));
            stopwatch.Restart();
        }

        var changedSet = changed.ToHashSet(StringComparer.Ordinal);
        var perFile = new (ImmutableArray<Chunk> Chunks, FileChunks? Stored)[analysed.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism), CancellationToken = cancellationToken };
        Parallel.For(0, analysed.Count, parallel, position =>
        {
            var file = analysed[position];
            if (changedSet.Contains(file.Path))
            {
                var text = reader.Read(file.Path, cancellationToken).Text?.Text ?? string.Empty;
                var chunks = file.Design is null ? [] : Chunker.Chunk(file.Design, text, options.Chunking);
                perFile[position] = (chunks, new FileChunks(file.Path, file.ContentHash, chunks, [.. chunks.Select(Analyze)]));
            }
            else
            {
                // Ids and anchors come from the design model alone, so an unchanged file is chunked without its text
                // just to map graph nodes in it to chunk ids.
                perFile[position] = (file.Design is null ? [] : Chunker.Chunk(file.Design, string.Empty, options.Chunking), null);
            }
        });
        var chunksByFile = new Dictionary<string, ImmutableArray<Chunk>>(StringComparer.Ordinal);
        var fileChunks = new List<FileChunks>();
        for (var position = 0; position < analysed.Count; position++)
        {
            chunksByFile[analysed[position].Path] = perFile[position].Chunks;
            if (perFile[position].Stored is { } stored)
            {
                fileChunks.Add(stored);
            }
        }

        foreach (var path in removed)
        {
            fileChunks.Add(new FileChunks(path, null, [], []));
        }

        Phase("chunk and analyse");
        var edges = ChunkGraph.Edges(graph, chunksByFile, changedSet);
        Phase("chunk graph");
        store.ReplaceFiles(fileChunks, edges, cancellationToken);
        Phase("write chunks, terms, edges");

        var toEmbed = fileChunks.SelectMany(file => file.Chunks).ToList();
        if (reembed && generator is RepositoryEmbeddingGenerator learned)
        {
            // Every chunk is being embedded again: learn the latent part from all of them first, and keep it in the
            // index so later incremental updates and searches embed with the same model.
            learned.Train([.. toEmbed.Select(EmbeddingText)], cancellationToken);
            store.SaveModel(RepositoryEmbeddingGenerator.ModelName, learned.ModelId, learned.Model!.ToBytes());
            Phase("learn embedding");
        }

        var records = new ChunkVectorRecord[toEmbed.Count];
        var batches = Enumerable.Range(0, (toEmbed.Count + options.EmbeddingBatchSize - 1) / options.EmbeddingBatchSize);
        var embedded = 0;
        await Parallel.ForEachAsync(batches, parallel, async (batchIndex, token) =>
        {
            var start = batchIndex * options.EmbeddingBatchSize;
            var batch = toEmbed.GetRange(start, Math.Min(options.EmbeddingBatchSize, toEmbed.Count - start));
            var embeddings = await generator.GenerateAsync(batch.Select(EmbeddingText), cancellationToken: token).ConfigureAwait(false);
            for (var offset = 0; offset < batch.Count; offset++)
            {
                records[start + offset] = new ChunkVectorRecord
                {
                    Id = batch[offset].Id,
                    Path = batch[offset].Path,
                    Granularity = ChunkVectorRecord.GranularityName(batch[offset].Granularity),
                    Vector = Normalized(embeddings[offset].Vector),
                };
            }

            progress?.Report((Interlocked.Add(ref embedded, batch.Count), toEmbed.Count));
        }).ConfigureAwait(false);
        Phase("embed");

        await DeleteVectorsOfAsync(changed.Concat(removed), cancellationToken).ConfigureAwait(false);
        await vectors.UpsertAsync(records, cancellationToken).ConfigureAwait(false);
        store.SetMeta("embedding", EmbeddingIdentity(generator));
        store.SetMeta("format", IndexFormat);
        Phase("write vectors");
        return new RetrievalIndexUpdate(changed.Length, removed.Length, toEmbed.Count, edges.Length, store.ChunkCount(), reembed) { Phases = phases.ToImmutable() };
    }

    /// <summary>The terms of a chunk's three indexed fields.</summary>
    public IndexedFields Analyze(Chunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var names = new List<string>();
        foreach (var name in chunk.Names.Append(chunk.Name).Append(chunk.Unit))
        {
            analyzer.AnalyzeIdentifier(name, names);
        }

        var comments = new List<string>();
        analyzer.AnalyzeProse(chunk.Comments, comments);
        if (options.RolesInLexical && chunk.Role.Length > 0)
        {
            var roles = new List<string>();
            analyzer.AnalyzeProse(chunk.Role, roles);
            comments.AddRange(roles.Select(term => SignalRoleOptions.TermPrefix + term));
        }

        var body = new List<string>();
        analyzer.AnalyzeCode(chunk.Body, body);
        return new IndexedFields(string.Join(' ', names), string.Join(' ', comments), string.Join(' ', body));
    }

    /// <summary>What the embedding sees: where the chunk is, what it is called, what its comments say, then its code.</summary>
    public string EmbeddingText(Chunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var text = $"{chunk.Context}\n{string.Join(' ', chunk.Names)}\n{chunk.Comments}\n{chunk.Body}";
        return text.Length <= options.MaxEmbeddingCharacters ? text : text[..options.MaxEmbeddingCharacters];
    }

    private async Task DeleteVectorsOfAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        if (vectors is SqliteVectorCollection embedded)
        {
            await embedded.DeleteByPathAsync(paths, cancellationToken).ConfigureAwait(false);
            return;
        }

        // A store without delete-by-path: find the file's records through the filter, then delete them by key.
        foreach (var path in paths)
        {
            var keys = new List<string>();
            await foreach (var record in vectors.GetAsync(record => record.Path == path, int.MaxValue, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                keys.Add(record.Id);
            }

            await vectors.DeleteAsync(keys, cancellationToken).ConfigureAwait(false);
        }
    }

    private static ReadOnlyMemory<float> Normalized(ReadOnlyMemory<float> vector)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector.Span);
        if (norm <= 0 || MathF.Abs(norm - 1f) < 1e-4f)
        {
            return vector;
        }

        var copy = vector.ToArray();
        System.Numerics.Tensors.TensorPrimitives.Divide(copy, norm, copy);
        return copy;
    }
}
