using System.Collections.Immutable;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Hdl.Retrieval.Embeddings.Onnx;

/// <summary>
/// Sentence embeddings from a local BERT-style ONNX model: WordPiece tokens from the model's vocab.txt, batched with
/// padding and attention mask (and zero token_type_ids when the model takes them), mean pooling over the real
/// tokens, L2 normalisation. The same recipe as sentence-transformers, so vectors match the model's published use.
/// </summary>
/// <remarks>
/// The constructor checks the files and the model's inputs and outputs, so a wrong model fails when the provider is
/// configured, with the reason, rather than on the first query. One ONNX Runtime session serves concurrent calls.
/// </remarks>
public sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private const string InputIdsName = "input_ids";
    private const string AttentionMaskName = "attention_mask";
    private const string TokenTypeIdsName = "token_type_ids";
    private static readonly ImmutableArray<string> PreferredOutputs = ["last_hidden_state", "token_embeddings"];

    private readonly OnnxEmbeddingOptions _options;
    private readonly BertInputEncoder _encoder;
    private readonly InferenceSession _session;
    private readonly bool _takesTokenTypes;
    private readonly bool _idsAreInt32;
    private readonly string _outputName;
    private readonly bool _outputIsPooled;
    private readonly string _modelId;

    public OnnxEmbeddingGenerator(OnnxEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        _options = options;
        _modelId = options.ModelId ?? Path.GetFileNameWithoutExtension(options.ModelPath);
        RequireFile(options.ModelPath, "model");
        RequireFile(options.VocabPath, "vocabulary (vocab.txt)");
        try
        {
            using var vocabulary = File.OpenRead(options.VocabPath);
            _encoder = BertInputEncoder.FromVocabulary(vocabulary, options.LowerCase, options.MaxTokens);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or FormatException or IOException)
        {
            throw new InvalidOperationException($"ONNX embedding vocabulary {options.VocabPath} is not a WordPiece vocab.txt: {exception.Message}", exception);
        }

        using var sessionOptions = new SessionOptions();
        if (options.IntraOpThreads is { } threads)
        {
            sessionOptions.IntraOpNumThreads = threads;
        }

        try
        {
            _session = new InferenceSession(options.ModelPath, sessionOptions);
        }
        catch (OnnxRuntimeException exception)
        {
            throw new InvalidOperationException($"ONNX embedding model {options.ModelPath} cannot be loaded: {exception.Message}", exception);
        }

        try
        {
            (_takesTokenTypes, _idsAreInt32) = CheckInputs(_session.InputMetadata, options.ModelPath);
            (_outputName, _outputIsPooled, var dimensions) = ChooseOutput(_session.OutputMetadata, options);
            Metadata = new EmbeddingGeneratorMetadata("onnx", new Uri(Path.GetFullPath(options.ModelPath)), _modelId, dimensions);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    public EmbeddingGeneratorMetadata Metadata { get; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sequences = values.Select(_encoder.Encode).ToArray();
        var vectors = new float[sequences.Length][];
        // Shortest first: each batch then holds texts of similar length and pads little.
        var order = Enumerable.Range(0, sequences.Length).OrderBy(index => sequences[index].Length).ToArray();
        long tokenCount = 0;
        foreach (var batchIndexes in order.Chunk(_options.BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = _encoder.Pad([.. batchIndexes.Select(index => sequences[index])]);
            var pooled = Run(batch, cancellationToken);
            for (var row = 0; row < batchIndexes.Length; row++)
            {
                EmbeddingPooling.Normalize(pooled[row]);
                vectors[batchIndexes[row]] = pooled[row];
                tokenCount += sequences[batchIndexes[row]].Length;
            }
        }

        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Select(vector => new Embedding<float>(vector) { ModelId = _modelId }))
        {
            Usage = new UsageDetails { InputTokenCount = tokenCount, TotalTokenCount = tokenCount },
        };
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        EmbeddingGeneratorServices.Get(this, Metadata, serviceType, serviceKey);

    public void Dispose() => _session.Dispose();

    private float[][] Run(BertBatch batch, CancellationToken cancellationToken)
    {
        long[] shape = [batch.Size, batch.Tokens];
        var inputs = new Dictionary<string, OrtValue>(StringComparer.Ordinal);
        try
        {
            inputs[InputIdsName] = IdTensor(batch.InputIds, shape);
            inputs[AttentionMaskName] = IdTensor(batch.AttentionMask, shape);
            if (_takesTokenTypes)
            {
                inputs[TokenTypeIdsName] = IdTensor(new long[batch.InputIds.Length], shape);
            }

            using var runOptions = new RunOptions();
            // A cancelled search stops the model mid-run instead of waiting for a large batch.
            using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
            using var outputs = _session.Run(runOptions, inputs, [_outputName]);
            var output = outputs[0];
            var outputShape = output.GetTensorTypeAndShape().Shape;
            var values = output.GetTensorDataAsSpan<float>();
            if (_outputIsPooled)
            {
                var dimensions = (int)outputShape[^1];
                var pooled = new float[batch.Size][];
                for (var row = 0; row < batch.Size; row++)
                {
                    pooled[row] = values.Slice(row * dimensions, dimensions).ToArray();
                }

                return pooled;
            }

            return EmbeddingPooling.MeanPool(values, batch.AttentionMask, batch.Size, batch.Tokens, (int)outputShape[^1]);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        finally
        {
            foreach (var value in inputs.Values)
            {
                value.Dispose();
            }
        }
    }

    private OrtValue IdTensor(long[] values, long[] shape) => _idsAreInt32
        ? OrtValue.CreateTensorValueFromMemory(Array.ConvertAll(values, value => (int)value), shape)
        : OrtValue.CreateTensorValueFromMemory(values, shape);

    private static void RequireFile(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"ONNX embedding {what} not found: {Path.GetFullPath(path)}", path);
        }
    }

    /// <summary>The inputs a BERT sentence model takes; anything else means a model this recipe cannot feed.</summary>
    private static (bool TakesTokenTypes, bool IdsAreInt32) CheckInputs(IReadOnlyDictionary<string, NodeMetadata> inputs, string modelPath)
    {
        string[] known = [InputIdsName, AttentionMaskName, TokenTypeIdsName];
        var names = string.Join(", ", inputs.Keys);
        if (!inputs.ContainsKey(InputIdsName) || !inputs.ContainsKey(AttentionMaskName) || inputs.Keys.Any(name => !known.Contains(name)))
        {
            throw new InvalidOperationException(
                $"ONNX embedding model {modelPath} has inputs ({names}); a BERT-style sentence model takes {InputIdsName}, {AttentionMaskName} and optionally {TokenTypeIdsName}.");
        }

        var elementType = inputs[InputIdsName].ElementDataType;
        if (elementType is not (TensorElementType.Int64 or TensorElementType.Int32))
        {
            throw new InvalidOperationException($"ONNX embedding model {modelPath} takes {InputIdsName} as {elementType}; expected int64 or int32.");
        }

        return (inputs.ContainsKey(TokenTypeIdsName), elementType == TensorElementType.Int32);
    }

    private static (string Name, bool IsPooled, int? Dimensions) ChooseOutput(IReadOnlyDictionary<string, NodeMetadata> outputs, OnnxEmbeddingOptions options)
    {
        var name = options.OutputName
            ?? PreferredOutputs.FirstOrDefault(outputs.ContainsKey)
            ?? outputs.Keys.FirstOrDefault()
            ?? throw new InvalidOperationException($"ONNX embedding model {options.ModelPath} has no outputs.");
        if (!outputs.TryGetValue(name, out var output))
        {
            throw new InvalidOperationException($"ONNX embedding model {options.ModelPath} has no output '{name}'; its outputs are ({string.Join(", ", outputs.Keys)}).");
        }

        if (output.ElementDataType != TensorElementType.Float || output.Dimensions.Length is not (2 or 3))
        {
            throw new InvalidOperationException(
                $"ONNX embedding model {options.ModelPath} output '{name}' is {output.ElementDataType} of rank {output.Dimensions.Length}; " +
                "expected float token vectors [batch, tokens, dim] or sentence vectors [batch, dim].");
        }

        var dimensions = output.Dimensions[^1];
        return (name, output.Dimensions.Length == 2, dimensions > 0 ? dimensions : null);
    }
}
