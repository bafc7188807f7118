namespace Hdl.Retrieval.Embeddings.Onnx;

/// <summary>A local BERT-style sentence embedding model (all-MiniLM-L6-v2, bge-small, e5-small, …) exported to ONNX.</summary>
/// <param name="ModelPath">The .onnx file; inputs input_ids and attention_mask, optionally token_type_ids.</param>
/// <param name="VocabPath">The model's WordPiece vocab.txt, one token per line, line number = token id.</param>
public sealed record OnnxEmbeddingOptions(string ModelPath, string VocabPath)
{
    /// <summary>
    /// Tokens per text including [CLS] and [SEP]; longer texts are cut. 256 is what all-MiniLM-L6-v2 was trained
    /// with; BERT models accept up to 512 at quadratic cost.
    /// </summary>
    public int MaxTokens { get; init; } = 256;

    /// <summary>Texts per model run. Texts are sorted by length first so a batch pads little.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Lower-case before WordPiece: true for uncased models (MiniLM, bge), false for cased ones.</summary>
    public bool LowerCase { get; init; } = true;

    /// <summary>
    /// The output to pool. Null picks last_hidden_state, then token_embeddings, then the first output. A rank-3
    /// output [batch, tokens, dim] is mean-pooled over the attention mask; a rank-2 one is taken as already pooled.
    /// </summary>
    public string? OutputName { get; init; }

    /// <summary>Reported as the embeddings' model id and recorded in the index; null uses the model file's name.</summary>
    public string? ModelId { get; init; }

    /// <summary>Threads of one model run; null lets ONNX Runtime choose (all cores).</summary>
    public int? IntraOpThreads { get; init; }
}
