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
    private readonly bool _lowerCase;

    public BertInputEncoder(BertTokenizer tokenizer, bool lowerCase, int maxTokens)
    {
        // [CLS] and [SEP] need two places, and a text at least one.
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 3);
        _tokenizer = tokenizer;
        _maxTokens = maxTokens;
        _lowerCase = lowerCase;
    }

    public static BertInputEncoder FromVocabulary(Stream vocabulary, bool lowerCase, int maxTokens) =>
        new(BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = false, ApplyBasicTokenization = false }), lowerCase, maxTokens);

    /// <summary>[CLS] ids [SEP], with the word pieces cut so the whole fits in the token limit.</summary>
    public int[] Encode(string text)
    {
        // The special tokens are added here, not by the tokenizer, so the cut always keeps the closing [SEP].
        var pieces = _tokenizer.EncodeToIds(BasicTokenize(text, _lowerCase), _maxTokens - 2, addSpecialTokens: false, out _, out _);
        var ids = new int[pieces.Count + 2];
        ids[0] = _tokenizer.ClassificationTokenId;
        for (var index = 0; index < pieces.Count; index++)
        {
            ids[index + 1] = pieces[index];
        }

        ids[^1] = _tokenizer.SeparatorTokenId;
        return ids;
    }

    /// <summary>
    /// BERT's basic tokenization, done here because Microsoft.ML.Tokenizers' version differs from the one the models
    /// were trained with: it keeps <c>_</c> inside words (so <c>baud_cnt</c> became one unknown token, and HDL
    /// identifiers are full of underscores) and drops symbols such as <c>+</c> and <c>$</c>. As in BERT: control
    /// characters become spaces; uncased models lower-case and strip accents; every punctuation character (ASCII
    /// symbols included) becomes a word of its own. The tokenizer then only splits on spaces and applies WordPiece.
    /// </summary>
    internal static string BasicTokenize(string text, bool lowerCase)
    {
        if (lowerCase)
        {
            text = text.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD);
        }

        var builder = new System.Text.StringBuilder(text.Length + 16);
        foreach (var character in text)
        {
            if (lowerCase && char.GetUnicodeCategory(character) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (IsAsciiPunctuation(character) || char.IsPunctuation(character))
            {
                builder.Append(' ').Append(character).Append(' ');
            }
            else
            {
                builder.Append(char.IsControl(character) ? ' ' : character);
            }
        }

        return builder.ToString();
    }

    /// <summary>The ranges BERT's tokenizer counts as punctuation: !"#$%&amp;'()*+,-./ :;&lt;=&gt;?@ [\]^_` {|}~.</summary>
    private static bool IsAsciiPunctuation(char character) =>
        character is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~');

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
