using Microsoft.ML.Tokenizers;

namespace Hdl.Retrieval.Embeddings.Onnx;

/// <summary>
/// Texts to BERT model inputs: WordPiece ids from the model's vocab.txt wrapped in [CLS] … [SEP], cut to the token
/// limit, and batches padded with [PAD] to their longest text with an attention mask marking the real tokens.
/// </summary>
internal sealed class BertInputEncoder
{
    private readonly BertTokenizer _tokenizer;
    private readonly int _maxTokens;

    public BertInputEncoder(BertTokenizer tokenizer, int maxTokens)
    {
        // [CLS] and [SEP] need two places, and a text at least one.
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 3);
        _tokenizer = tokenizer;
        _maxTokens = maxTokens;
    }

    public static BertInputEncoder FromVocabulary(Stream vocabulary, bool lowerCase, int maxTokens) =>
        new(BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = lowerCase }), maxTokens);

    /// <summary>[CLS] ids [SEP], with the word pieces cut so the whole fits in the token limit.</summary>
    public int[] Encode(string text)
    {
        // The special tokens are added here, not by the tokenizer, so the cut always keeps the closing [SEP].
        var pieces = _tokenizer.EncodeToIds(text, _maxTokens - 2, addSpecialTokens: false, out _, out _);
        var ids = new int[pieces.Count + 2];
        ids[0] = _tokenizer.ClassificationTokenId;
        for (var index = 0; index < pieces.Count; index++)
        {
            ids[index + 1] = pieces[index];
        }

        ids[^1] = _tokenizer.SeparatorTokenId;
        return ids;
    }

    /// <summary>Row-major [batch, tokens] input ids and attention mask, padded to the longest sequence of the batch.</summary>
    public BertBatch Pad(IReadOnlyList<int[]> sequences)
    {
        var tokens = sequences.Max(sequence => sequence.Length);
        var ids = new long[sequences.Count * tokens];
        var mask = new long[sequences.Count * tokens];
        Array.Fill(ids, _tokenizer.PaddingTokenId);
        for (var row = 0; row < sequences.Count; row++)
        {
            for (var column = 0; column < sequences[row].Length; column++)
            {
                ids[(row * tokens) + column] = sequences[row][column];
                mask[(row * tokens) + column] = 1;
            }
        }

        return new BertBatch(sequences.Count, tokens, ids, mask);
    }
}

/// <summary>One padded batch; token type ids are all zero for single-sentence input and made on demand.</summary>
internal sealed record BertBatch(int Size, int Tokens, long[] InputIds, long[] AttentionMask);
