using Hdl.Retrieval.Embeddings;
using Hdl.Retrieval.Storage;

namespace Hdl.Retrieval.Tests;

/// <summary>
/// The built-in embedding's latent part is learned when the index is built from scratch, stored in the index, read
/// back by the next session, and kept (not relearned) by incremental updates.
/// </summary>
public sealed class LearnedEmbeddingIndexTests : IDisposable
{
    private readonly RetrievalFixture _fixture = new("""
        //- /uart.sv
        // serial transmitter: the prescaler makes the baud tick
        module uart_tx (input logic clk, output logic txd);
          logic [7:0] presc_cnt; // baud prescaler
          logic baud_tick;       // one pulse per bit time
          always_ff @(posedge clk) presc_cnt <= presc_cnt + 1;
          assign baud_tick = presc_cnt == 0;
        endmodule
        //- /fifo.sv
        // fifo with gray coded pointers
        module fifo (input logic clk, output logic full);
          logic [3:0] wr_ptr_gray; // write pointer, gray code
          logic [3:0] rd_ptr_gray; // read pointer, gray code
          assign full = wr_ptr_gray == rd_ptr_gray;
        endmodule
        """);

    public void Dispose() => _fixture.Dispose();

    private RepositoryEmbeddingGenerator Generator => (RepositoryEmbeddingGenerator)_fixture.Backend.Generator!;

    [Fact]
    public void The_default_built_in_embedding_is_learned_from_the_repository()
    {
        Assert.False(Generator.IsTrained);
        var update = _fixture.Index();

        Assert.True(update.Reembedded);
        Assert.Contains(update.Phases, phase => phase.Phase == "learn embedding");
        Assert.True(Generator.IsTrained);
        Assert.True(Generator.Model!.Dimensions > 0);
        Assert.NotEmpty(Generator.Model.Terms);
        Assert.NotNull(_fixture.Store.LoadModel(RepositoryEmbeddingGenerator.ModelName, Generator.ModelId));
    }

    [Fact]
    public void A_new_session_reads_the_learned_model_back_and_updates_nothing()
    {
        _fixture.Index();
        var stored = _fixture.Store.LoadModel(RepositoryEmbeddingGenerator.ModelName, Generator.ModelId);
        _fixture.UseBackend(RetrievalBackendOptions.Default);

        Assert.True(Generator.IsTrained);
        Assert.Equal(stored, Generator.Model!.ToBytes());
        Assert.Equal(0, _fixture.Index().FilesUpdated);
    }

    [Fact]
    public void An_edit_keeps_the_learned_model_so_other_files_keep_their_vectors()
    {
        _fixture.Index();
        var stored = _fixture.Store.LoadModel(RepositoryEmbeddingGenerator.ModelName, Generator.ModelId);
        var vector = _fixture.Vectors.GetAsync("/fifo.sv#signal:wr_ptr_gray").GetAwaiter().GetResult()!.Vector.ToArray();

        _fixture.Write("/uart.sv", """
            module uart_tx (input logic clk, output logic txd);
              logic [7:0] presc_cnt; // baud prescaler, counts down
            endmodule
            """);
        var update = _fixture.Index();

        Assert.Equal((1, false), (update.FilesUpdated, update.Reembedded));
        Assert.DoesNotContain(update.Phases, phase => phase.Phase == "learn embedding");
        Assert.Equal(stored, _fixture.Store.LoadModel(RepositoryEmbeddingGenerator.ModelName, Generator.ModelId));
        Assert.Equal(vector, _fixture.Vectors.GetAsync("/fifo.sv#signal:wr_ptr_gray").GetAwaiter().GetResult()!.Vector.ToArray());
    }

    [Fact]
    public void A_model_of_another_recipe_is_not_used_and_the_index_is_rebuilt()
    {
        _fixture.Index();
        var other = RetrievalBackendOptions.Default with { Learned = RepositoryEmbeddingOptions.Default with { LatentShare = 0.25f } };
        _fixture.UseBackend(other);

        Assert.False(Generator.IsTrained);
        var update = _fixture.Index();
        Assert.Equal((2, true), (update.FilesUpdated, update.Reembedded));
        Assert.True(Generator.IsTrained);
    }

    [Fact]
    public void Hashed_features_alone_remain_available()
    {
        _fixture.UseBackend(RetrievalBackendOptions.Default with { Learned = null });
        Assert.IsType<HashedEmbeddingGenerator>(_fixture.Backend.Generator);
        Assert.Equal(2, _fixture.Index().FilesUpdated);
    }
}
