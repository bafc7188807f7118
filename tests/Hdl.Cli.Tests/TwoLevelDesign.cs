namespace Hdl.Cli.Tests;

/// <summary>The two-file design the data-flow and navigation command tests run on: `top` feeds one `stage`.</summary>
internal static class TwoLevelDesign
{
    public const string Top = """
        module top(input logic clk, input logic [7:0] din, output logic [7:0] dout);
          stage u_s (.clk, .d(din), .q(dout));
        endmodule
        """;

    public const string Stage = """
        module stage(input logic clk, input logic [7:0] d, output logic [7:0] q);
          always_ff @(posedge clk) q <= d;
        endmodule
        """;

    public static TempFolder Create()
    {
        var folder = new TempFolder();
        folder.Write("top.sv", Top);
        folder.Write("stage.sv", Stage);
        return folder;
    }
}
