using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using Hdl.Workspace.Index;
using Hdl.Workspace.Storage;
using Hdl.Workspace.Tests.Index;

namespace Hdl.Workspace.Tests.Storage;

/// <summary>
/// The stored form of an analysed file gives back the same records: compared property by property through
/// reflection, so a property the format forgets shows up as a difference.
/// </summary>
public class IndexedFileFormatTests
{
    [Fact]
    public void Every_property_of_a_rich_systemverilog_and_vhdl_analysis_survives_a_round_trip()
    {
        var workspace = new MemoryWorkspace("""
            //- /rtl/defs.svh
            `define W 8
            //- /rtl/top.sv
            `include "defs.svh"
            /// A counter.
            module top #(parameter int N = 4, localparam L = $clog2(N), parameter type T = logic)
              (input logic clk, rst_n, input logic [`W-1:0] d [2], output logic [7:0] q, bus_if.master m);
              import pkg::*;
              typedef enum logic [1:0] {IDLE, RUN} state_t;
              typedef struct packed { logic a; logic [3:0] b; } pair_t;
              state_t state;
              wire [3:0] w = d[0][3:0];
              always_ff @(posedge clk or negedge rst_n)
                if (!rst_n) q <= '0;
                else if (state == RUN) q[3:0] <= w;
              always_comb begin : comb_blk
                state = d[1][0] ? RUN : IDLE;
              end
              assign m.valid = |q;
              genvar i;
              for (i = 0; i < N; i++) begin : g_leaf
                leaf #(.W(N)) u_leaf (.d(d[0][i]), .q(), .*);
              end
              if (N > 2) begin : g_big
                leaf u_big (clk, q[0]);
              end else begin : g_small
              end
              function automatic int f(input int x); return x + N; endfunction
              task t(output int y); y = 1; endtask
              undeclared_thing u_bad (.a(missing_sig));
            endmodule
            //- /rtl/e.vhd
            library ieee;
            use ieee.std_logic_1164.all;
            -- An entity.
            entity e is
              generic (G : integer := 3);
              port (clk : in std_logic; o : out std_logic_vector(G-1 downto 0));
            end entity;
            architecture rtl of e is
              type st is (a, b);
              signal s : st;
              constant C : integer := 2;
            begin
              p : process (clk) begin
                if rising_edge(clk) then
                  o <= (others => '0');
                end if;
              end process;
              u : entity work.e(rtl) generic map (G => C) port map (clk => clk, o => open);
            end architecture;
            //- /rtl/broken.sv
            module broken (input a; endmodule
            """);
        var index = workspace.BuildIndex();

        foreach (var file in index.Files)
        {
            var copy = IndexedFileFormat.Read(IndexedFileFormat.Write(file)) with { Order = file.Order };
            Assert.Equal(Render(file), Render(copy));
        }

        Assert.Contains("Clock", Render(index.Files[0]), StringComparison.Ordinal);
        Assert.Contains("Diagnostics[0]", Render(index.Files[2]), StringComparison.Ordinal);
    }

    [Fact]
    public void Damaged_bytes_are_a_format_error()
    {
        var index = new MemoryWorkspace("module m (input a); endmodule\n").BuildIndex();
        var bytes = IndexedFileFormat.Write(index.Files[0]);

        Assert.Throws<FormatException>(() => IndexedFileFormat.Read(bytes[..(bytes.Length / 2)]));
        Assert.Throws<FormatException>(() => IndexedFileFormat.Read([.. bytes, 7]));
        Assert.Throws<FormatException>(() => IndexedFileFormat.Read([0x7F, 0xFF, 0xFF]));
    }

    /// <summary>
    /// Every public property of the records an analysis is made of. When a model record gains a property this
    /// test fails: write the property in IndexedFileFormat, raise IndexedFileFormat.Version, then update the list.
    /// </summary>
    [Fact]
    public void The_format_knows_every_property_of_the_model()
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        Shape(typeof(IndexedFile), lines, []);

        Assert.Equal(ExpectedShape.ReplaceLineEndings("\n").Trim(), string.Join("\n", lines));
    }

    private const string ExpectedShape = """
        AssignmentSymbol.ControlReads: ImmutableArray<SignalUse>
        AssignmentSymbol.DataReads: ImmutableArray<SignalUse>
        AssignmentSymbol.IsBlocking: Boolean
        AssignmentSymbol.Location: Location
        AssignmentSymbol.Scope: String
        AssignmentSymbol.Targets: ImmutableArray<SignalUse>
        ClockSymbol.Edge: EdgeKind
        ClockSymbol.Signal: String
        ConnectionSymbol.Actual: String
        ConnectionSymbol.Formal: String
        ConnectionSymbol.IsImplicit: Boolean
        ConnectionSymbol.Location: Location
        ConnectionSymbol.Position: Int32
        ConnectionSymbol.Signals: ImmutableArray<SignalUse>
        DeclarationSymbol.Documentation: String
        DeclarationSymbol.InitialValue: String
        DeclarationSymbol.Kind: DeclarationKind
        DeclarationSymbol.Location: Location
        DeclarationSymbol.Members: ImmutableArray<String>
        DeclarationSymbol.Name: String
        DeclarationSymbol.Scope: String
        DeclarationSymbol.Type: TypeSymbol
        DefinitionSymbol.Container: String
        DefinitionSymbol.IsUnitLevel: Boolean
        DefinitionSymbol.Kind: DefinitionKind
        DefinitionSymbol.Location: Location
        DefinitionSymbol.MemberOf: String
        DefinitionSymbol.Name: String
        DefinitionSymbol.TypeName: String
        DefinitionSymbol.TypeText: String
        DesignFile.Diagnostics: ImmutableArray<Diagnostic>
        DesignFile.Language: HdlLanguage
        DesignFile.Path: String
        DesignFile.Units: ImmutableArray<DesignUnitSymbol>
        DesignUnitSymbol.ContinuousAssignments: ImmutableArray<AssignmentSymbol>
        DesignUnitSymbol.Declarations: ImmutableArray<DeclarationSymbol>
        DesignUnitSymbol.Definitions: ImmutableArray<DefinitionSymbol>
        DesignUnitSymbol.Documentation: String
        DesignUnitSymbol.Extent: Location
        DesignUnitSymbol.GenerateBlocks: ImmutableArray<GenerateBlockSymbol>
        DesignUnitSymbol.Imports: ImmutableArray<ImportSymbol>
        DesignUnitSymbol.Instances: ImmutableArray<InstanceSymbol>
        DesignUnitSymbol.Kind: DesignUnitKind
        DesignUnitSymbol.Language: HdlLanguage
        DesignUnitSymbol.Library: String
        DesignUnitSymbol.Name: String
        DesignUnitSymbol.NameLocation: Location
        DesignUnitSymbol.Owner: String
        DesignUnitSymbol.Parameters: ImmutableArray<ParameterSymbol>
        DesignUnitSymbol.Ports: ImmutableArray<PortSymbol>
        DesignUnitSymbol.Processes: ImmutableArray<ProcessSymbol>
        DesignUnitSymbol.References: ImmutableArray<ReferenceSymbol>
        DesignUnitSymbol.Subprograms: ImmutableArray<SubprogramSymbol>
        Diagnostic.Arguments: ImmutableArray<String>
        Diagnostic.Descriptor: DiagnosticDescriptor
        Diagnostic.Location: Location
        Diagnostic.Related: ImmutableArray<RelatedLocation>
        GenerateAlternative.Choices: ImmutableArray<String>
        GenerateAlternative.Condition: String
        GenerateAlternative.Location: Location
        GenerateBlockSymbol.Alternatives: ImmutableArray<GenerateAlternative>
        GenerateBlockSymbol.Branch: Int32
        GenerateBlockSymbol.Choices: ImmutableArray<String>
        GenerateBlockSymbol.Condition: String
        GenerateBlockSymbol.Kind: GenerateKind
        GenerateBlockSymbol.Location: Location
        GenerateBlockSymbol.Name: String
        GenerateBlockSymbol.ParentScope: String
        ImportSymbol.Item: String
        ImportSymbol.Library: String
        ImportSymbol.Location: Location
        ImportSymbol.Package: String
        IndexedFile.ContentHash: String
        IndexedFile.Design: DesignFile
        IndexedFile.Diagnostics: ImmutableArray<Diagnostic>
        IndexedFile.InactiveRegions: Nullable<ImmutableArray<TextSpan>>
        IndexedFile.Includes: ImmutableArray<String>
        IndexedFile.Language: Nullable<HdlLanguage>
        IndexedFile.LineCount: Int32
        IndexedFile.Order: Int32
        IndexedFile.Outcome: FileParseOutcome
        IndexedFile.Path: String
        IndexedFile.Problem: String
        InstanceSymbol.Architecture: String
        InstanceSymbol.ArrayDimensions: String
        InstanceSymbol.HasWildcardConnection: Boolean
        InstanceSymbol.InstanceName: String
        InstanceSymbol.Kind: InstanceKind
        InstanceSymbol.Library: String
        InstanceSymbol.Location: Location
        InstanceSymbol.Parameters: ImmutableArray<ConnectionSymbol>
        InstanceSymbol.Ports: ImmutableArray<ConnectionSymbol>
        InstanceSymbol.Scope: String
        InstanceSymbol.UnitName: String
        LinePosition.Character: Int32
        LinePosition.Line: Int32
        Location.End: LinePosition
        Location.Path: String
        Location.Span: TextSpan
        Location.Start: LinePosition
        ParameterSymbol.DefaultValue: String
        ParameterSymbol.IsLocal: Boolean
        ParameterSymbol.IsType: Boolean
        ParameterSymbol.Location: Location
        ParameterSymbol.Name: String
        ParameterSymbol.Type: TypeSymbol
        ParameterSymbol.Value: Nullable<Int64>
        PortSymbol.Direction: PortDirection
        PortSymbol.Documentation: String
        PortSymbol.Location: Location
        PortSymbol.Name: String
        PortSymbol.Type: TypeSymbol
        ProcessSymbol.Assignments: ImmutableArray<AssignmentSymbol>
        ProcessSymbol.Clock: ClockSymbol
        ProcessSymbol.Kind: ProcessKind
        ProcessSymbol.Label: String
        ProcessSymbol.Location: Location
        ProcessSymbol.Reset: ResetSymbol
        ProcessSymbol.Scope: String
        ProcessSymbol.SensitiveToAll: Boolean
        ProcessSymbol.Sensitivity: ImmutableArray<String>
        ReferenceSymbol.Definition: Nullable<Location>
        ReferenceSymbol.ImplicitNet: Boolean
        ReferenceSymbol.IsWildcard: Boolean
        ReferenceSymbol.Kind: ReferenceKind
        ReferenceSymbol.Library: String
        ReferenceSymbol.Location: Location
        ReferenceSymbol.Name: String
        ReferenceSymbol.Prefix: String
        ReferenceSymbol.Qualifier: String
        ReferenceSymbol.Reportable: Boolean
        RelatedLocation.Location: Location
        RelatedLocation.Message: String
        ResetSymbol.ActiveLow: Boolean
        ResetSymbol.Asynchronous: Boolean
        ResetSymbol.Signal: String
        SignalUse.Location: Location
        SignalUse.Name: String
        SignalUse.Select: String
        SubprogramSymbol.Arguments: ImmutableArray<PortSymbol>
        SubprogramSymbol.Documentation: String
        SubprogramSymbol.Kind: SubprogramKind
        SubprogramSymbol.Location: Location
        SubprogramSymbol.Name: String
        SubprogramSymbol.ReturnExpression: String
        SubprogramSymbol.ReturnType: TypeSymbol
        TextSpan.Length: Int32
        TextSpan.Start: Int32
        TypeSymbol.PackedDimensions: ImmutableArray<String>
        TypeSymbol.Text: String
        TypeSymbol.UnpackedDimensions: ImmutableArray<String>
        TypeSymbol.Width: Nullable<Int32>
        """;

    private static void Shape(Type type, SortedSet<string> lines, HashSet<Type> seen)
    {
        // A diagnostic's descriptor is stored by its id and found again in the catalog.
        if (!seen.Add(type) || type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Syntax.Diagnostics.DiagnosticDescriptor))
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract" || property.SetMethod is null && !IsConstructorParameter(type, property))
            {
                continue;
            }

            lines.Add($"{type.Name}.{property.Name}: {TypeName(property.PropertyType)}");
            foreach (var inner in Inner(property.PropertyType))
            {
                Shape(inner, lines, seen);
            }
        }
    }

    private static bool IsConstructorParameter(Type type, PropertyInfo property) =>
        type.GetConstructors().Any(constructor => constructor.GetParameters().Any(parameter => parameter.Name == property.Name));

    private static IEnumerable<Type> Inner(Type type)
    {
        if (type.Namespace?.StartsWith("Hdl.", StringComparison.Ordinal) == true)
        {
            yield return type;
        }

        foreach (var argument in type.GetGenericArguments())
        {
            foreach (var inner in Inner(argument))
            {
                yield return inner;
            }
        }
    }

    private static string TypeName(Type type) =>
        type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>" : type.Name;

    /// <summary>Every public property, recursively, one line each; collections element by element.</summary>
    private static string Render(object? value)
    {
        var text = new StringBuilder();
        Render(value, "file", text, 0);
        return text.ToString();
    }

    private static void Render(object? value, string name, StringBuilder text, int depth)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || depth > 12 || value is Syntax.Diagnostics.DiagnosticDescriptor)
        {
            text.Append(name).Append(" = ").Append(value is Syntax.Diagnostics.DiagnosticDescriptor descriptor ? descriptor.Id : value?.ToString() ?? "null").Append('\n');
            return;
        }

        if (value is IEnumerable items)
        {
            if (value is ImmutableArray<string> { IsDefault: true })
            {
                return;
            }

            var position = 0;
            foreach (var item in items)
            {
                Render(item, $"{name}[{position++}]", text, depth + 1);
            }

            return;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.Name != "EqualityContract")
            {
                Render(property.GetValue(value), $"{name}.{property.Name}", text, depth + 1);
            }
        }
    }
}
