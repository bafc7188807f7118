using Hdl.Retrieval.Embeddings.Onnx;

namespace Hdl.Retrieval.Tests.Embeddings;

/// <summary>
/// The ONNX provider on a tiny vocabulary and a tiny lookup model (<see cref="TinyOnnxModel"/>): the expected vectors
/// are worked out by hand from the embedding table, so tokenization, padding, token types, pooling and normalisation
/// are each visible in the numbers.
/// </summary>
public sealed class OnnxEmbeddingGeneratorTests : IDisposable
{
    /// <summary>Line number = token id, as in a BERT vocab.txt.</summary>
    private static readonly string[] Vocabulary =
        ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "baud", "rate", "counter", "cnt", "##s", "write", "resp", "##onse", "_", "+", "["];

    private readonly string _folder = Directory.CreateTempSubdirectory("hdl-onnx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("Baud rate counters", 256, new[] { 2, 5, 6, 7, 9, 3 })]
    [InlineData("write response", 256, new[] { 2, 10, 11, 12, 3 })]
    [InlineData("baud_cnt", 256, new[] { 2, 5, 13, 8, 3 })]
    [InlineData("baud xyzzy", 256, new[] { 2, 5, 1, 3 })]
    [InlineData("baud+rate[cnt]", 256, new[] { 2, 5, 14, 6, 15, 8, 1, 3 })]
    [InlineData("BAUD\tRate\u0001counter", 256, new[] { 2, 5, 6, 7, 3 })]
    // FIXME: BERT strips accents for uncased models ("báud" → baud, [2, 5, 3]); under InvariantGlobalization (set
    // for the whole repository) string.Normalize does not decompose, so the accented word is unknown today.
    [InlineData("báud", 256, new[] { 2, 1, 3 })]
    [InlineData("baud rate counter", 4, new[] { 2, 5, 6, 3 })]
    [InlineData("", 256, new[] { 2, 3 })]
    public void Text_becomes_cls_word_pieces_sep_cut_to_the_token_limit(string text, int maxTokens, int[] expected)
    {
        using var vocabulary = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', Vocabulary) + "\n"));
        var encoder = BertInputEncoder.FromVocabulary(vocabulary, lowerCase: true, maxTokens);

        Assert.Equal(expected, encoder.Encode(text));
    }

    [Fact]
    public void A_batch_is_padded_to_its_longest_text_and_the_mask_marks_real_tokens()
    {
        using var vocabulary = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', Vocabulary)));
        var encoder = BertInputEncoder.FromVocabulary(vocabulary, lowerCase: true, 256);

        var batch = encoder.Pad([[2, 5, 3], [2, 10, 11, 12, 3]]);

        Assert.Equal((2, 5), (batch.Size, batch.Tokens));
        Assert.Equal([2, 5, 3, 0, 0, 2, 10, 11, 12, 3], batch.InputIds);
        Assert.Equal([1, 1, 1, 0, 0, 1, 1, 1, 1, 1], batch.AttentionMask);
    }

    [Fact]
    public void Mean_pooling_averages_only_masked_in_tokens()
    {
        float[] hidden = [1, 2, 3, 4, 100, 100, /* second text */ 5, 5, 100, 100, 100, 100];

        var pooled = EmbeddingPooling.MeanPool(hidden, [1, 1, 0, 1, 0, 0], batch: 2, tokens: 3, dimensions: 2);

        Assert.Equal([2f, 3], pooled[0]);
        Assert.Equal([5f, 5], pooled[1]);
    }

    [Fact]
    public void Normalisation_gives_unit_length_and_leaves_zero_alone()
    {
        float[] vector = [3, 4];
        float[] zero = [0, 0];

        EmbeddingPooling.Normalize(vector);
        EmbeddingPooling.Normalize(zero);

        Assert.Equal([0.6f, 0.8f], vector);
        Assert.Equal([0f, 0], zero);
    }

    [Fact]
    public async Task The_model_output_is_mean_pooled_over_cls_pieces_sep_and_normalised()
    {
        using var generator = new OnnxEmbeddingGenerator(WriteModel(withTokenTypes: false));

        var embeddings = await generator.GenerateAsync(["baud rate"]);

        // [CLS] baud rate [SEP] = rows 2, 5, 6, 3.
        Assert.Equal(Expected(2, 5, 6, 3), embeddings[0].Vector.ToArray(), Tolerance);
        Assert.Equal("tiny", embeddings[0].ModelId);
        Assert.Equal(4, embeddings.Usage?.InputTokenCount);
    }

    [Fact]
    public async Task Padding_in_a_batch_does_not_change_a_texts_vector()
    {
        using var generator = new OnnxEmbeddingGenerator(WriteModel(withTokenTypes: false) with { BatchSize = 8 });

        var alone = await generator.GenerateAsync(["baud rate"]);
        var batched = await generator.GenerateAsync(["write response counters", "baud rate", "baud_cnt"]);

        Assert.Equal(alone[0].Vector.ToArray(), batched[1].Vector.ToArray(), Tolerance);
        Assert.Equal(Expected(2, 10, 11, 12, 7, 9, 3), batched[0].Vector.ToArray(), Tolerance);
        Assert.Equal(Expected(2, 5, 13, 8, 3), batched[2].Vector.ToArray(), Tolerance);
    }

    [Fact]
    public async Task A_model_with_token_type_ids_gets_zeros_for_them()
    {
        using var generator = new OnnxEmbeddingGenerator(WriteModel(withTokenTypes: true) with { BatchSize = 1 });

        var embeddings = await generator.GenerateAsync(["baud", "rate"]);

        // Every token adds type row 0, [10, 20, 30]; type row 1 would add [-50, -50, -50].
        Assert.Equal(Expected([2, 5, 3], TypeZero), embeddings[0].Vector.ToArray(), Tolerance);
        Assert.Equal(Expected([2, 6, 3], TypeZero), embeddings[1].Vector.ToArray(), Tolerance);
        Assert.Equal(3, generator.Metadata.DefaultModelDimensions);
    }

    [Fact]
    public void A_missing_model_or_vocabulary_is_named_in_the_error()
    {
        var options = WriteModel(withTokenTypes: false);

        var noModel = Assert.Throws<FileNotFoundException>(() => new OnnxEmbeddingGenerator(options with { ModelPath = Path.Combine(_folder, "absent.onnx") }));
        var noVocabulary = Assert.Throws<FileNotFoundException>(() => new OnnxEmbeddingGenerator(options with { VocabPath = Path.Combine(_folder, "absent.txt") }));

        Assert.Equal($"ONNX embedding model not found: {Path.Combine(_folder, "absent.onnx")}", noModel.Message);
        Assert.Equal($"ONNX embedding vocabulary (vocab.txt) not found: {Path.Combine(_folder, "absent.txt")}", noVocabulary.Message);
    }

    [Fact]
    public void A_model_without_bert_input_names_is_refused_with_its_inputs_listed()
    {
        var options = WriteModel(withTokenTypes: false, inputIdsName: "ids");

        var error = Assert.Throws<InvalidOperationException>(() => new OnnxEmbeddingGenerator(options));

        Assert.Equal(
            $"ONNX embedding model {options.ModelPath} has inputs (ids, attention_mask); a BERT-style sentence model takes input_ids, attention_mask and optionally token_type_ids.",
            error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused_with_the_runtimes_reason()
    {
        var options = WriteModel(withTokenTypes: false);
        File.WriteAllText(options.ModelPath, "not a model");

        var error = Assert.Throws<InvalidOperationException>(() => new OnnxEmbeddingGenerator(options));

        Assert.StartsWith($"ONNX embedding model {options.ModelPath} cannot be loaded: ", error.Message, StringComparison.Ordinal);
    }

    private static readonly FloatTolerance Tolerance = new();

    private static readonly float[] TypeZero = [10, 20, 30];

    /// <summary>Row i of the word table; [PAD] (row 0) is large so leaked padding would show.</summary>
    private static float[] WordRow(int id) => id == 0 ? [1000, -1000, 1000] : [id, (id % 3) - 1, 1.0f / id];

    private static float[] Expected(params int[] ids) => Expected(ids, null);

    private static float[] Expected(int[] ids, float[]? typeRow)
    {
        var sum = new float[3];
        foreach (var id in ids)
        {
            var row = WordRow(id);
            for (var dimension = 0; dimension < 3; dimension++)
            {
                sum[dimension] += row[dimension] + (typeRow?[dimension] ?? 0);
            }
        }

        var norm = MathF.Sqrt(sum.Sum(component => component * component));
        return [.. sum.Select(component => component / norm)];
    }

    private OnnxEmbeddingOptions WriteModel(bool withTokenTypes, string inputIdsName = "input_ids")
    {
        var modelPath = Path.Combine(_folder, "tiny.onnx");
        var vocabPath = Path.Combine(_folder, "vocab.txt");
        float[][] wordTable = [.. Enumerable.Range(0, Vocabulary.Length).Select(WordRow)];
        float[][]? typeTable = withTokenTypes ? [TypeZero, [-50, -50, -50]] : null;
        File.WriteAllBytes(modelPath, TinyOnnxModel.Build(wordTable, typeTable, inputIdsName));
        File.WriteAllLines(vocabPath, Vocabulary);
        return new OnnxEmbeddingOptions(modelPath, vocabPath);
    }

    private sealed class FloatTolerance : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= 1e-5f;

        public int GetHashCode(float obj) => 0;
    }
}
