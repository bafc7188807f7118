using System.Numerics.Tensors;
using Hdl.Retrieval.Embeddings;

namespace Hdl.Retrieval.Tests.Embeddings;

/// <summary>The latent semantic model learned from a repository's chunks: co-occurring terms end up close.</summary>
public sealed class LatentSemanticModelTests
{
    /// <summary>Two topics that share no term: serial timing and FIFO pointers, each written several ways.</summary>
    private static readonly string[][] Chunks =
    [
        ["baud", "presc", "tick", "uart"],
        ["baud", "presc", "oversample"],
        ["uart", "tick", "oversample", "bit"],
        ["baud", "bit", "uart"],
        ["presc", "tick", "bit"],
        ["fifo", "ptr", "gray"],
        ["fifo", "ptr", "full", "empty"],
        ["gray", "full", "sync"],
        ["ptr", "empty", "sync", "fifo"],
        ["gray", "sync", "full"],
    ];

    private static readonly LatentSemanticOptions Small = LatentSemanticOptions.Default with { Dimensions = 2, MaxDocumentShare = 0.6 };

    private static float Similarity(LatentSemanticModel model, string[] left, string[] right) =>
        TensorPrimitives.Dot(model.Embed(left), model.Embed(right));

    [Fact]
    public void Terms_that_share_chunks_are_closer_than_terms_of_another_topic()
    {
        var model = LatentSemanticModel.Train(Chunks, Small, CancellationToken.None);

        // `oversample` and `presc` never share a chunk with each other's topic words only through `baud`/`tick`.
        Assert.True(Similarity(model, ["oversample"], ["presc"]) > Similarity(model, ["oversample"], ["gray"]) + 0.3f);
        Assert.True(Similarity(model, ["gray"], ["ptr"]) > Similarity(model, ["gray"], ["baud"]) + 0.3f);
    }

    [Fact]
    public void A_text_with_no_known_term_embeds_as_zero()
    {
        var model = LatentSemanticModel.Train(Chunks, Small, CancellationToken.None);
        Assert.Equal(0f, TensorPrimitives.Norm(model.Embed(["axi", "burst"])));
        Assert.Equal(1f, TensorPrimitives.Norm(model.Embed(["baud", "axi"])), 3);
    }

    [Fact]
    public void Terms_in_one_chunk_only_or_in_too_many_chunks_are_not_in_the_vocabulary()
    {
        var chunks = Chunks.Select(chunk => chunk.Append("clk").ToArray()).Append(["lonely", "baud"]).ToArray();
        var model = LatentSemanticModel.Train(chunks, Small, CancellationToken.None);
        Assert.False(model.Knows("lonely"));
        Assert.False(model.Knows("clk"));
        Assert.True(model.Knows("baud"));
    }

    [Fact]
    public void A_repository_smaller_than_the_dimensions_gets_a_smaller_model()
    {
        var model = LatentSemanticModel.Train([["fifo", "ptr"], ["fifo", "ptr", "gray"], ["gray", "ptr"]], LatentSemanticOptions.Default with { MaxDocumentShare = 1 }, CancellationToken.None);
        Assert.Equal(3, model.Dimensions);
        Assert.Equal(1f, TensorPrimitives.Norm(model.Embed(["gray"])), 3);
    }

    [Fact]
    public void An_empty_repository_gives_an_empty_model()
    {
        var model = LatentSemanticModel.Train([], LatentSemanticOptions.Default, CancellationToken.None);
        Assert.Equal(0, model.Dimensions);
        Assert.Empty(model.Embed(["fifo"]));
    }

    [Fact]
    public void The_model_reads_back_from_its_bytes_unchanged()
    {
        var model = LatentSemanticModel.Train(Chunks, Small, CancellationToken.None);
        var copy = LatentSemanticModel.FromBytes(model.ToBytes());
        Assert.NotNull(copy);
        Assert.Equal(string.Join(' ', model.Terms), string.Join(' ', copy.Terms));
        Assert.Equal(model.Embed(["baud", "tick"]), copy.Embed(["baud", "tick"]));
    }

    [Fact]
    public void Bytes_that_are_not_a_model_read_back_as_null()
    {
        var bytes = LatentSemanticModel.Train(Chunks, Small, CancellationToken.None).ToBytes();
        Assert.Null(LatentSemanticModel.FromBytes(bytes.AsSpan(0, bytes.Length / 2)));
        Assert.Null(LatentSemanticModel.FromBytes([9, 0, 0, 0, 1, 2]));
        Assert.Null(LatentSemanticModel.FromBytes([]));
    }

    [Fact]
    public void Training_is_deterministic()
    {
        var first = LatentSemanticModel.Train(Chunks, Small, CancellationToken.None);
        var second = LatentSemanticModel.Train(Chunks, Small, CancellationToken.None);
        Assert.Equal(first.ToBytes(), second.ToBytes());
    }
}
