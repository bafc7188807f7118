using System.Text;
using Hdl.Design.Model;

namespace Hdl.Design;

/// <summary>
/// Renders a design model as indented text: what tests compare and what `hdl` prints for people. One line per
/// item, locations as line numbers, so a diff shows exactly what the builder understood.
/// </summary>
public static class DesignModelDump
{
    public static string Render(DesignFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var builder = new StringBuilder();
        foreach (var unit in file.Units)
        {
            Render(builder, unit);
        }

        return builder.ToString().TrimEnd('\n');
    }

    private static void Render(StringBuilder builder, DesignUnitSymbol unit)
    {
        builder.Append(Keyword(unit.Kind)).Append(' ').Append(unit.Name);
        if (unit.Owner is not null)
        {
            builder.Append(" of ").Append(unit.Owner);
        }

        builder.Append(" @").Append(unit.NameLocation.Start.Line + 1).Append('\n');
        if (unit.Documentation is not null)
        {
            builder.Append("  doc \"").Append(unit.Documentation).Append("\"\n");
        }

        foreach (var import in unit.Imports)
        {
            builder.Append("  import ").Append(import.Library is null ? string.Empty : import.Library + ".").Append(import.Package).Append("::").Append(import.Item ?? "*").Append('\n');
        }

        foreach (var parameter in unit.Parameters)
        {
            builder.Append("  ").Append(parameter.IsLocal ? "localparam" : "parameter").Append(parameter.IsType ? " type" : string.Empty);
            AppendType(builder, parameter.Type);
            builder.Append(' ').Append(parameter.Name);
            if (parameter.DefaultValue is not null)
            {
                builder.Append(" = ").Append(parameter.DefaultValue);
            }

            builder.Append('\n');
        }

        foreach (var port in unit.Ports)
        {
            builder.Append("  port ").Append(port.Direction.ToString().ToLowerInvariant());
            AppendType(builder, port.Type);
            builder.Append(' ').Append(port.Name);
            AppendDoc(builder, port.Documentation);
            builder.Append('\n');
        }

        foreach (var declaration in unit.Declarations)
        {
            builder.Append("  ").Append(declaration.Kind.ToString().ToLowerInvariant());
            AppendType(builder, declaration.Type);
            builder.Append(' ').Append(declaration.Name);
            if (!declaration.Members.IsDefaultOrEmpty)
            {
                builder.Append(" {").Append(string.Join(", ", declaration.Members)).Append('}');
            }

            if (declaration.InitialValue is not null)
            {
                builder.Append(" = ").Append(declaration.InitialValue);
            }

            AppendScope(builder, declaration.Scope);
            AppendDoc(builder, declaration.Documentation);
            builder.Append('\n');
        }

        foreach (var generate in unit.GenerateBlocks)
        {
            builder.Append("  generate ").Append(generate.Kind.ToString().ToLowerInvariant()).Append(' ').Append(generate.Name);
            if (generate.Condition is not null)
            {
                builder.Append(" (").Append(generate.Condition).Append(')');
            }

            AppendScope(builder, generate.ParentScope);
            builder.Append('\n');
        }

        foreach (var assignment in unit.ContinuousAssignments)
        {
            builder.Append("  assign ");
            AppendAssignment(builder, assignment);
        }

        foreach (var process in unit.Processes)
        {
            builder.Append("  process ").Append(process.Kind.ToString().ToLowerInvariant());
            if (process.Label is not null)
            {
                builder.Append(' ').Append(process.Label);
            }

            if (process.SensitiveToAll)
            {
                builder.Append(" @*");
            }
            else if (!process.Sensitivity.IsDefaultOrEmpty)
            {
                builder.Append(" @(").Append(string.Join(", ", process.Sensitivity)).Append(')');
            }

            if (process.Clock is not null)
            {
                builder.Append(" clock ").Append(process.Clock.Edge.ToString().ToLowerInvariant()).Append(' ').Append(process.Clock.Signal);
            }

            if (process.Reset is not null)
            {
                builder.Append(" reset ").Append(process.Reset.Signal)
                    .Append(process.Reset.ActiveLow ? " low" : " high")
                    .Append(process.Reset.Asynchronous ? " async" : " sync");
            }

            AppendScope(builder, process.Scope);
            builder.Append('\n');
            foreach (var assignment in process.Assignments)
            {
                builder.Append("    ");
                AppendAssignment(builder, assignment);
            }
        }

        foreach (var instance in unit.Instances)
        {
            builder.Append("  instance ").Append(instance.UnitName).Append(' ').Append(instance.InstanceName);
            if (instance.ArrayDimensions is not null)
            {
                builder.Append(instance.ArrayDimensions);
            }

            if (!instance.Parameters.IsDefaultOrEmpty)
            {
                builder.Append(" #(").Append(string.Join(", ", instance.Parameters.Select(Connection))).Append(')');
            }

            builder.Append(" (").Append(string.Join(", ", instance.Ports.Select(Connection)));
            if (instance.HasWildcardConnection)
            {
                builder.Append(instance.Ports.IsDefaultOrEmpty ? ".*" : ", .*");
            }

            builder.Append(')');
            AppendScope(builder, instance.Scope);
            builder.Append('\n');
        }

        foreach (var subprogram in unit.Subprograms)
        {
            builder.Append("  ").Append(subprogram.Kind.ToString().ToLowerInvariant());
            if (subprogram.ReturnType is not null)
            {
                builder.Append(' ').Append(subprogram.ReturnType.Text);
            }

            builder.Append(' ').Append(subprogram.Name).Append('(')
                .Append(string.Join(", ", subprogram.Arguments.Select(argument => $"{argument.Direction.ToString().ToLowerInvariant()} {argument.Name}")))
                .Append(")\n");
        }
    }

    private static string Connection(ConnectionSymbol connection) =>
        connection.Formal is null ? connection.Actual ?? string.Empty
        : connection.IsImplicit ? "." + connection.Formal
        : $".{connection.Formal}({connection.Actual})";

    private static void AppendAssignment(StringBuilder builder, AssignmentSymbol assignment)
    {
        builder.Append(string.Join(", ", assignment.Targets.Select(Use))).Append(assignment.IsBlocking ? " = " : " <= ")
            .Append(string.Join(", ", assignment.DataReads.Select(Use)));
        if (!assignment.ControlReads.IsDefaultOrEmpty)
        {
            builder.Append(" if ").Append(string.Join(", ", assignment.ControlReads.Select(Use).Distinct()));
        }

        AppendScope(builder, assignment.Scope);
        builder.Append('\n');
    }

    private static string Use(SignalUse use) => use.Select is null ? use.Name : use.Name + use.Select;

    private static void AppendType(StringBuilder builder, TypeSymbol type)
    {
        if (type.Text.Length > 0)
        {
            builder.Append(' ').Append(type.Text);
        }

        foreach (var dimension in type.UnpackedDimensions)
        {
            builder.Append(' ').Append(dimension);
        }
    }

    private static void AppendScope(StringBuilder builder, string? scope)
    {
        if (scope is not null)
        {
            builder.Append(" in ").Append(scope);
        }
    }

    private static void AppendDoc(StringBuilder builder, string? documentation)
    {
        if (documentation is not null)
        {
            builder.Append(" // ").Append(documentation);
        }
    }

    private static string Keyword(DesignUnitKind kind) => kind switch
    {
        DesignUnitKind.PackageBody => "package body",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
