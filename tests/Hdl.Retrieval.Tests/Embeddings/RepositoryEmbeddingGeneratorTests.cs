using System.Numerics.Tensors;
using Hdl.Retrieval.Embeddings;
using Hdl.Retrieval.Text;

namespace Hdl.Retrieval.Tests.Embeddings;

/// <summary>
/// The repository embedding is the hashed embedding of a text next to its latent vector, each scaled by its share,
/// so its dot product is the weighted sum of the two parts' cosines; a third part, the concepts of the glossary a text
/// names, links texts that share no word.
/// </summary>
public sealed class RepositoryEmbeddingGeneratorTests
{
    private static readonly string[] Chunks =
    [
        "// serial transmitter: the prescaler makes the baud tick\nuart_tx presc_cnt baud_tick",
        "// baud prescaler\npresc_cnt <= presc_cnt + 1;",
        "// one pulse per bit time, oversampled\nbaud_tick oversample_cnt",
        "// fifo with gray coded pointers\nfifo wr_ptr_gray rd_ptr_gray",
        "// write pointer, gray code\nwr_ptr_gray <= wr_ptr_gray + 1;",
        "// full when the gray pointers meet\nassign full = wr_ptr_gray == rd_ptr_gray;",
    ];

    private const string Text = "// counts prescaler ticks of the baud rate\nalways_ff @(posedge clk) presc_cnt <= presc_cnt + 1;";

    private static readonly RepositoryEmbeddingOptions Options = RepositoryEmbeddingOptions.Default with
    {
        Latent = LatentSemanticOptions.Default with { Dimensions = 2, MaxDocumentShare = 0.8 },
        ConceptShare = 0,
    };

    private static readonly RepositoryEmbeddingOptions WithConcepts = Options with { ConceptShare = 0.2f };

    private static float[] Hashed(string text) => new HashedEmbeddingGenerator(TextAnalyzer.Default, Options.Hashed).Embed(text);

    [Fact]
    public void Before_a_model_is_learned_the_vector_is_the_hashed_embedding_and_a_zero_latent_part()
    {
        var generator = new RepositoryEmbeddingGenerator(TextAnalyzer.Default, Options);

        var vector = generator.Embed(Text);

        AssertClose(Hashed(Text), vector[..Options.Hashed.Dimensions]);
        Assert.All(vector[Options.Hashed.Dimensions..], value => Assert.Equal(0f, value));
    }

    [Fact]
    public void A_learned_model_weighs_the_hashed_and_latent_parts_by_their_shares()
    {
        var generator = new RepositoryEmbeddingGenerator(TextAnalyzer.Default, Options);
        generator.Train(Chunks, CancellationToken.None);

        var vector = generator.Embed(Text);
        var hashedPart = vector[..Options.Hashed.Dimensions];
        var latentPart = vector[Options.Hashed.Dimensions..];

        var expectedHashed = Hashed(Text);
        TensorPrimitives.Multiply(expectedHashed, MathF.Sqrt(1 - Options.LatentShare), expectedHashed);
        AssertClose(expectedHashed, hashedPart);

        Assert.Equal(MathF.Sqrt(Options.LatentShare), TensorPrimitives.Norm(latentPart), 4);
        Assert.Equal(1f, TensorPrimitives.Norm(vector), 4);
    }

    [Fact]
    public void A_question_and_code_naming_the_same_concept_in_different_words_are_closer_with_the_concept_part()
    {
        const string code = "assign ones_q = popcnt(operand_a);";
        const string question = "how many bits of the word are set";
        var plain = new RepositoryEmbeddingGenerator(TextAnalyzer.Default, Options);
        var concepts = new RepositoryEmbeddingGenerator(TextAnalyzer.Default, WithConcepts);
        plain.Train(Chunks, CancellationToken.None);
        concepts.Train(Chunks, CancellationToken.None);

        var without = TensorPrimitives.Dot(plain.Embed(code), plain.Embed(question));
        var with = TensorPrimitives.Dot(concepts.Embed(code), concepts.Embed(question));

        Assert.True(with > without + 0.1f, $"cosine {with} with concepts, {without} without");
    }

    [Fact]
    public void The_concept_part_follows_the_latent_part_and_weighs_its_share()
    {
        var generator = new RepositoryEmbeddingGenerator(TextAnalyzer.Default, WithConcepts);
        generator.Train(Chunks, CancellationToken.None);

        var vector = generator.Embed(Text);
        var conceptPart = vector[(Options.Hashed.Dimensions + Options.Latent.Dimensions)..];

        Assert.Equal(generator.Dimensions, vector.Length);
        Assert.Equal(HdlConceptGlossary.Default.Concepts.Length, conceptPart.Length);
        Assert.True(conceptPart[HdlConceptGlossary.Default.Concepts.IndexOf("clock_divider")] > 0, "baud ticks name the clock divider");
        Assert.Equal(MathF.Sqrt(WithConcepts.ConceptShare), TensorPrimitives.Norm(conceptPart), 4);
        Assert.Equal(1f, TensorPrimitives.Norm(vector), 4);
    }

    [Fact]
    public void Another_concept_share_is_another_model_so_the_index_embeds_again()
    {
        var plain = new RepositoryEmbeddingGenerator(TextAnalyzer.Default, Options);
        var concepts = new RepositoryEmbeddingGenerator(TextAnalyzer.Default, WithConcepts);

        Assert.NotEqual(plain.ModelId, concepts.ModelId);
        Assert.Contains(HdlConceptGlossary.Version, concepts.ModelId, StringComparison.Ordinal);
        Assert.NotEqual(plain.Dimensions, concepts.Dimensions);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        Assert.True(TensorPrimitives.Norm(expected) > 0);
        for (var index = 0; index < expected.Length; index++)
        {
            Assert.Equal(expected[index], actual[index], 5);
        }
    }
}
