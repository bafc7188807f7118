using Hdl.Retrieval.Chunking;
using Hdl.Retrieval.Search;

namespace Hdl.Retrieval.Tests;

/// <summary>
/// A unit is found by the description at the top of its file even when blank lines, a licence or compiler directives
/// stand between that description and the unit (the usual layout of a vendored core's files).
/// </summary>
public sealed class UnitPreambleSearchTests : IDisposable
{
    private const string Design = """
        //- /rtl/bit_count.sv
        // Copyright 2018 Some University.
        // Licensed under the Solderpad Hardware License, Version 0.51.

        ///////////////////////////////////////////////
        // Description: Count the number of ones      //
        //              set in a word                 //
        ///////////////////////////////////////////////

        `default_nettype none
        module bit_count (input logic [31:0] in_i, output logic [5:0] result_o);
          logic [5:0] acc;
          assign result_o = acc;
        endmodule
        //- /rtl/lead_zero.sv
        // Copyright 2018 Some University.
        // Licensed under the Solderpad Hardware License, Version 0.51.

        ///////////////////////////////////////////////
        // Description: Position of the first one     //
        //              from the top of a word        //
        ///////////////////////////////////////////////

        `default_nettype none
        module lead_zero (input logic [31:0] in_i, output logic [4:0] result_o);
          logic [4:0] pos;
          assign result_o = pos;
        endmodule
        """;

    private readonly RetrievalFixture _fixture = new(Design);

    public UnitPreambleSearchTests() => _fixture.Index();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData(SearchMode.Lexical)]
    [InlineData(SearchMode.Hybrid)]
    public void The_file_description_above_a_directive_finds_the_module(SearchMode mode)
    {
        Assert.Equal("module bit_count (unit)", _fixture.Search("how many ones are set", mode, Granularity.Module, top: 1));
        Assert.Equal("module lead_zero (unit)", _fixture.Search("position of the first one from the top", mode, Granularity.Module, top: 1));
    }

    [Fact]
    public void The_licence_above_every_file_matches_no_module() =>
        Assert.Empty(_fixture.Hits("solderpad licence copyright", SearchMode.Lexical, Granularity.Module, top: 5));
}
