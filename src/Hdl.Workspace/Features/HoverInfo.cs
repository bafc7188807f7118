using System.Globalization;
using System.Text;
using Hdl.Design.Model;
using Hdl.Syntax;
using Hdl.Syntax.Text;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Features;

/// <summary>What a hover shows: Markdown text and the range of the name it describes.</summary>
public sealed record HoverResult(string Markdown, Location? Range);

/// <summary>
/// The hover text of the name under a position: its declaration as code, its kind and the unit holding it, the width
/// and the value of a parameter where constant evaluation found them, how many statements drive it and read it, and
/// the comment written next to it.
/// </summary>
public static class HoverInfo
{
    public static HoverResult? Describe(WorkspaceIndex index, string path, LinePosition position, SourceText? source, SignalFlow flow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(flow);
        cancellationToken.ThrowIfCancellationRequested();
        var found = DeclarationLookup.Find(index, path, position, source);
        if (found is null)
        {
            return null;
        }

        var language = found.Unit?.Symbol.Language ?? HdlLanguage.SystemVerilog;
        var (code, kind, width, value, documentation) = Render(found.Symbol, language);
        var text = new StringBuilder();
        text.Append("```").Append(language == HdlLanguage.Vhdl ? "vhdl" : "systemverilog").Append('\n').Append(code).Append("\n```\n\n");
        text.Append(kind);
        if (found.Unit is { } unit && found.Symbol is not DesignUnitSymbol)
        {
            text.Append(" in `").Append(unit.Name).Append('`');
        }

        if (width is { } bits)
        {
            text.Append(CultureInfo.InvariantCulture, $" · width {bits}");
        }

        if (value is { } number)
        {
            text.Append(CultureInfo.InvariantCulture, $" · value {number}");
        }

        if (found.Unit is { } owner && found.Symbol is PortSymbol or DeclarationSymbol { Kind: DeclarationKind.Net or DeclarationKind.Variable or DeclarationKind.Signal })
        {
            var unitForFlow = flow.FindUnit(owner.Name) ?? owner;
            var graph = flow.GraphOf(unitForFlow);
            var drivers = graph.DriversOf(found.Name).Select(edge => edge.Location.Span).Distinct().Count();
            var loads = graph.LoadsOf(found.Name).Select(edge => edge.Location.Span).Distinct().Count();
            text.Append(CultureInfo.InvariantCulture, $" · {drivers} driver{(drivers == 1 ? "" : "s")}, {loads} load{(loads == 1 ? "" : "s")}");
        }

        if (!string.IsNullOrWhiteSpace(documentation))
        {
            text.Append("\n\n---\n\n").Append(documentation.Trim());
        }

        var range = UseRange(index, path, position)
            ?? (source is not null && DeclarationLookup.IdentifierAt(source, position) is { } word ? source.GetLocation(word) : found.NameLocation.Path == path ? found.NameLocation : (Location?)null);
        return new HoverResult(text.ToString(), range);
    }

    private static Location? UseRange(WorkspaceIndex index, string path, LinePosition position)
    {
        var design = index.GetFile(path)?.Design;
        if (design is null)
        {
            return null;
        }

        foreach (var unit in design.Units)
        {
            foreach (var reference in unit.References)
            {
                if (DeclarationLookup.Contains(reference.Location, position))
                {
                    return reference.Location;
                }
            }
        }

        return null;
    }

    private static (string Code, string Kind, int? Width, long? Value, string? Documentation) Render(object symbol, HdlLanguage language)
    {
        var vhdl = language == HdlLanguage.Vhdl;
        return symbol switch
        {
            DesignUnitSymbol unit => (UnitHeader(unit, vhdl), unit.Kind.ToString().ToLowerInvariant(), null, null, unit.Documentation),
            PortSymbol port => (vhdl ? $"{port.Name} : {Direction(port.Direction, vhdl)} {port.Type.Text}" : Join(Direction(port.Direction, vhdl), port.Type.Text, port.Name),
                "port", port.Type.Width, null, port.Documentation),
            ParameterSymbol parameter => (ParameterText(parameter, vhdl), parameter.IsLocal ? "local parameter" : vhdl ? "generic" : "parameter", parameter.Type.Width, parameter.Value, null),
            DeclarationSymbol declaration => (DeclarationText(declaration, vhdl), declaration.Kind.ToString().ToLowerInvariant(), declaration.Type.Width, null, declaration.Documentation),
            SubprogramSymbol subprogram => ($"{subprogram.Kind.ToString().ToLowerInvariant()} {subprogram.Name}({string.Join(", ", subprogram.Arguments.Select(argument => Join(Direction(argument.Direction, vhdl), argument.Type.Text, argument.Name)))})",
                subprogram.Kind.ToString().ToLowerInvariant(), null, null, subprogram.Documentation),
            _ => (symbol.ToString() ?? string.Empty, "symbol", null, null, null),
        };
    }

    private static string UnitHeader(DesignUnitSymbol unit, bool vhdl)
    {
        if (vhdl)
        {
            return unit.Kind == DesignUnitKind.Architecture && unit.Owner is not null
                ? $"architecture {unit.Name} of {unit.Owner}"
                : $"{unit.Kind.ToString().ToLowerInvariant()} {unit.Name}";
        }

        var header = new StringBuilder().Append(unit.Kind.ToString().ToLowerInvariant()).Append(' ').Append(unit.Name);
        if (!unit.Parameters.IsEmpty)
        {
            header.Append(" #(").Append(string.Join(", ", unit.Parameters.Where(parameter => !parameter.IsLocal).Select(parameter => ParameterText(parameter, vhdl)))).Append(')');
        }

        if (!unit.Ports.IsEmpty)
        {
            header.Append(" (\n  ").Append(string.Join(",\n  ", unit.Ports.Select(port => Join(Direction(port.Direction, vhdl), port.Type.Text, port.Name)))).Append("\n)");
        }

        return header.ToString();
    }

    private static string ParameterText(ParameterSymbol parameter, bool vhdl)
    {
        var value = parameter.DefaultValue is null ? string.Empty : vhdl ? $" := {parameter.DefaultValue}" : $" = {parameter.DefaultValue}";
        return vhdl
            ? $"{parameter.Name} : {parameter.Type.Text}{value}"
            : Join(parameter.IsLocal ? "localparam" : "parameter", parameter.Type.Text, parameter.Name) + value;
    }

    private static string DeclarationText(DeclarationSymbol declaration, bool vhdl)
    {
        var initial = declaration.InitialValue is null ? string.Empty : vhdl ? $" := {declaration.InitialValue}" : $" = {declaration.InitialValue}";
        if (vhdl)
        {
            return $"{declaration.Kind.ToString().ToLowerInvariant()} {declaration.Name} : {declaration.Type.Text}{initial}";
        }

        var members = declaration.Members.IsEmpty ? string.Empty : " { " + string.Join(", ", declaration.Members) + " }";
        return Join(declaration.Type.Text, declaration.Name) + members + initial;
    }

    internal static string Direction(PortDirection direction, bool vhdl) => direction switch
    {
        PortDirection.In => vhdl ? "in" : "input",
        PortDirection.Out => vhdl ? "out" : "output",
        PortDirection.InOut => "inout",
        PortDirection.Ref => "ref",
        PortDirection.Buffer => "buffer",
        PortDirection.Linkage => "linkage",
        _ => string.Empty,
    };

    private static string Join(params string[] parts) => string.Join(' ', parts.Where(part => !string.IsNullOrWhiteSpace(part)));
}
