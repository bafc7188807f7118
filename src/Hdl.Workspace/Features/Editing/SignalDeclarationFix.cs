using System.Globalization;
using System.Text.RegularExpressions;
using Hdl.Design.Model;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Text;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Features.Editing;

/// <summary>
/// HDL3001 (undeclared identifier): declare it in the unit that uses it, after a module's header (`logic [7:0] name;`)
/// or at the start of an architecture's declarations (`signal name : std_logic_vector(7 downto 0);`). The type comes
/// from what the name is assigned from or to (a declared signal or port of the unit) or from the port it is connected to,
/// else one bit.
/// </summary>
internal static partial class SignalDeclarationFix
{
    public static CodeActionItem? Compute(CodeActionRequest request, Diagnostic diagnostic)
    {
        var text = request.Text;
        var name = diagnostic.Arguments.IsDefaultOrEmpty ? null : diagnostic.Arguments[0];
        if (name is null || !IsSimpleName(name))
        {
            return null;
        }

        var unit = request.Index.Units.All.FirstOrDefault(candidate => candidate.Path == text.Path
            && candidate.Symbol.Kind is DesignUnitKind.Module or DesignUnitKind.Interface or DesignUnitKind.Program or DesignUnitKind.Architecture
            && candidate.Symbol.Extent.Span.Start <= diagnostic.Location.Span.Start && diagnostic.Location.Span.End <= candidate.Symbol.Extent.Span.End);
        if (unit is null || InsertionPoint(unit, text) is not { } offset)
        {
            return null;
        }

        var indentation = NextIndentation(text.Text, offset) is { Length: > 0 } next ? next : "  ";
        var declaration = unit.IsVhdl
            ? $"signal {name} : {VhdlType(request, unit, name)};"
            : $"logic {VerilogDimensions(request, unit, name)}{name};";
        var position = text.Lines.GetPosition(offset);
        return new CodeActionItem($"Declare '{name}': {declaration}", CodeActionKind.QuickFix, [new TextChange(text.Path, position, position, $"\n{indentation}{declaration}")])
        {
            Fixes = diagnostic,
            IsPreferred = true,
        };
    }

    private static bool IsSimpleName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(character => char.IsAsciiLetterOrDigit(character) || character == '_');

    /// <summary>After the `;` ending a module header; after `is` of `architecture a of e is`.</summary>
    private static int? InsertionPoint(IndexedUnit unit, SourceText text)
    {
        var after = unit.Symbol.NameLocation.Span.End;
        if (after > text.Length)
        {
            return null;
        }

        if (unit.IsVhdl)
        {
            var match = ArchitectureIs().Match(text.Text, after);
            return match.Success && match.Index < unit.Symbol.Extent.Span.End ? match.Index + match.Length : null;
        }

        return SourceScanner.StatementEnd(text.Text, after, isVhdl: false) is { } semicolon && semicolon < unit.Symbol.Extent.Span.End ? semicolon + 1 : null;
    }

    private static string NextIndentation(string text, int offset)
    {
        var newline = text.IndexOf('\n', offset);
        return newline < 0 || newline + 1 >= text.Length ? string.Empty : SourceScanner.IndentationAt(text, newline + 1);
    }

    private static string VerilogDimensions(CodeActionRequest request, IndexedUnit unit, string name)
    {
        if (RelatedType(request, unit, name) is not { } related)
        {
            return string.Empty;
        }

        if (related.Width is { } width)
        {
            return width > 1 ? string.Create(CultureInfo.InvariantCulture, $"[{width - 1}:0] ") : string.Empty;
        }

        return related.Type is { PackedDimensions.IsDefaultOrEmpty: false } type && related.InUnit
            ? string.Concat(type.PackedDimensions.Select(dimension => dimension.StartsWith('[') ? dimension : $"[{dimension}]")) + " "
            : string.Empty;
    }

    private static string VhdlType(CodeActionRequest request, IndexedUnit unit, string name)
    {
        if (RelatedType(request, unit, name) is not { } related)
        {
            return "std_logic";
        }

        if (related.InUnit && related.Type is { Text.Length: > 0 } type)
        {
            return type.Text;
        }

        var open = related.Type?.Text.IndexOf('(', StringComparison.Ordinal) ?? -1;
        return related.Width switch
        {
            1 => "std_logic",
            { } width when open > 0 => string.Create(CultureInfo.InvariantCulture, $"{related.Type!.Text[..open].Trim()}({width - 1} downto 0)"),
            { } width => string.Create(CultureInfo.InvariantCulture, $"std_logic_vector({width - 1} downto 0)"),
            _ => "std_logic",
        };
    }

    /// <summary>
    /// The type of something the name meets: the other side of an assignment (a whole signal of the unit), or a port of an
    /// instance it is connected to. <c>InUnit</c> says the type text is valid in this unit (a child's dimensions may name
    /// the child's parameters, so only its computed width is used).
    /// </summary>
    private static (TypeSymbol? Type, int? Width, bool InUnit)? RelatedType(CodeActionRequest request, IndexedUnit unit, string name)
    {
        var comparison = unit.IsVhdl ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var types = new Dictionary<string, TypeSymbol>(unit.IsVhdl ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var port in Ports(request.Index, unit))
        {
            types.TryAdd(port.Name, port.Type);
        }

        foreach (var declaration in unit.Symbol.Declarations)
        {
            if (declaration.Kind is DeclarationKind.Net or DeclarationKind.Variable or DeclarationKind.Signal)
            {
                types.TryAdd(declaration.Name, declaration.Type);
            }
        }

        bool Is(SignalUse use) => use.Select is null && string.Equals(use.Name, name, comparison);
        var assignments = unit.Symbol.ContinuousAssignments.Concat(unit.Symbol.Processes.SelectMany(process => process.Assignments)).ToList();
        foreach (var assignment in assignments)
        {
            // name = other: the one signal read, whole.
            if (assignment.Targets.Any(Is) && assignment.DataReads is [{ Select: null } read] && types.TryGetValue(read.Name, out var readType))
            {
                return (readType, readType.Width, true);
            }

            // other = name: the one target, whole.
            if (assignment.DataReads.Any(Is) && assignment.Targets is [{ Select: null } target] && assignment.DataReads.Length == 1 && types.TryGetValue(target.Name, out var targetType))
            {
                return (targetType, targetType.Width, true);
            }
        }

        var widths = InstanceSites.ElaboratedWidths(request.Hierarchy, unit.Path, CancellationToken.None);
        foreach (var site in InstanceSites.In(request.Index, unit.Path))
        {
            if (site.Parent != unit || site.Target is not { } target)
            {
                continue;
            }

            foreach (var connection in site.Instance.Ports)
            {
                if (connection.Actual is { } actual && string.Equals(actual.Trim(), name, comparison) && InstanceSites.PortOf(target, connection) is { } port)
                {
                    var width = widths.TryGetValue(site.Instance.Location, out var siteWidths) && siteWidths.TryGetValue(port.Name, out var computed) ? computed : port.Type.Width;
                    return (port.Type, width, false);
                }
            }
        }

        return null;
    }

    /// <summary>The unit's ports, an architecture's being its entity's.</summary>
    private static IEnumerable<PortSymbol> Ports(WorkspaceIndex index, IndexedUnit unit) =>
        unit.Symbol.Kind == DesignUnitKind.Architecture && unit.Symbol.Owner is { } owner
            ? index.Units.FindVhdl(unit.Symbol.Library ?? "work", owner)?.Symbol.Ports ?? []
            : unit.Symbol.Ports;

    [GeneratedRegex(@"\bis\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ArchitectureIs();
}
