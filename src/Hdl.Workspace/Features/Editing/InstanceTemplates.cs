using System.Text;
using System.Text.RegularExpressions;
using Hdl.Design.Model;
using Hdl.Syntax;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Text;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Features.Editing;

/// <summary>
/// Instance statements written for the user: every port of a module or entity connected by name (to the signal of the
/// same name when the instantiating unit has one, else left open), in the language of the file being edited.
/// </summary>
internal static partial class InstanceTemplates
{
    /// <summary>Named connections for the ports an instance under the range leaves unconnected.</summary>
    public static IEnumerable<CodeActionItem> FillMissingPorts(CodeActionRequest request, CancellationToken cancellationToken)
    {
        var text = request.Text;
        foreach (var site in InstanceSites.In(request.Index, text.Path))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // `u ()` holds one empty positional connection: it is no connection at all.
            var instance = site.Instance with { Ports = [.. site.Instance.Ports.Where(connection => connection.Formal is not null || !string.IsNullOrEmpty(connection.Actual))] };
            if (site.Target is not { } target || instance.HasWildcardConnection || instance.Ports.Any(connection => connection.Formal is null)
                || instance.Location.Span.End > text.Length || PortList(text.Text, instance, site.IsVhdl) is not { } list
                || request.End < instance.Location.Start || request.Start > text.Lines.GetPosition(list.Close))
            {
                continue;
            }

            var connected = instance.Ports.Select(connection => InstanceSites.PortOf(target, connection)).OfType<PortSymbol>().ToHashSet();
            var missing = target.Symbol.Ports.Where(port => !connected.Contains(port)).ToList();
            if (missing.Count == 0)
            {
                continue;
            }

            var signals = SignalNames(request.Index, site.Parent);
            var connections = missing.Select(port => Connection(port.Name, signals, site.IsVhdl)).ToList();
            TextChange change;
            if (instance.Ports.IsEmpty)
            {
                var indentation = SourceScanner.IndentationAt(text.Text, instance.Location.Span.Start);
                var body = new StringBuilder();
                for (var index = 0; index < connections.Count; index++)
                {
                    body.Append('\n').Append(indentation).Append("  ").Append(connections[index]).Append(index + 1 < connections.Count ? "," : string.Empty);
                }

                body.Append('\n').Append(indentation);
                change = list.Open is { } open
                    ? new TextChange(text.Path, text.Lines.GetPosition(open + 1), text.Lines.GetPosition(list.Close), body.ToString())
                    : new TextChange(text.Path, text.Lines.GetPosition(list.Close), text.Lines.GetPosition(list.Close), $"\n{indentation}  port map ({body})");
            }
            else
            {
                var last = instance.Ports[^1].Location;
                var multiline = instance.Ports.Select(connection => connection.Location.Start.Line).Distinct().Count() > 1 || last.Start.Line != instance.Location.Start.Line;
                var separator = multiline ? ",\n" + SourceScanner.IndentationAt(text.Text, last.Span.Start) : ", ";
                var end = last.Span.End;
                change = new TextChange(text.Path, text.Lines.GetPosition(end), text.Lines.GetPosition(end), separator + string.Join(separator, connections));
            }

            yield return new CodeActionItem($"Connect the {missing.Count} missing port{(missing.Count == 1 ? string.Empty : "s")} of '{instance.InstanceName}'", CodeActionKind.Refactor, [change]);
        }
    }

    /// <summary>A module or entity named alone on its line (`counter` or `counter;`) becomes an instance of it.</summary>
    public static CodeActionItem? FromName(CodeActionRequest request)
    {
        var text = request.Text;
        if (HdlLanguages.FromPath(text.Path) is not { } language || DeclarationLookup.IdentifierAt(text, request.Start) is not { } word)
        {
            return null;
        }

        var name = text.GetText(word);
        var line = text.Lines.GetPosition(word.Start).Line;
        var lineStart = text.Lines.GetLineStart(line);
        var lineEnd = text.Text.IndexOf('\n', word.End) is var newline and >= 0 ? newline : text.Length;
        var rest = text.Text[word.End..lineEnd].Trim();
        if (text.Text[lineStart..word.Start].Trim().Length > 0 || rest is not ("" or ";")
            || DeclarationLookup.FindUnit(request.Index, name) is not { } unit
            || unit.Kind is not (DesignUnitKind.Module or DesignUnitKind.Interface or DesignUnitKind.Program or DesignUnitKind.Entity))
        {
            return null;
        }

        var parent = request.Index.Units.All.FirstOrDefault(candidate => candidate.Path == text.Path && candidate.Symbol.Extent.Span.Start <= word.Start && word.End <= candidate.Symbol.Extent.Span.End);
        if (parent is null || ReferenceEquals(parent, unit))
        {
            return null;
        }

        var indentation = SourceScanner.IndentationAt(text.Text, word.Start);
        var template = Instance(unit, UniqueInstanceName(parent, unit.Name), SignalNames(request.Index, parent), language == HdlLanguage.Vhdl, indentation);
        var end = rest.Length == 0 ? word.End : text.Text.IndexOf(';', word.End) + 1;
        return new CodeActionItem($"Instantiate {(unit.IsVhdl ? "entity" : "module")} '{unit.Name}'", CodeActionKind.Refactor,
            [new TextChange(text.Path, text.Lines.GetPosition(word.Start), text.Lines.GetPosition(end), template)]);
    }

    /// <summary>HDL2001: an instance of a unit the workspace lacks, when units of a near name exist (another case, a typo).</summary>
    public static IEnumerable<CodeActionItem> NearNames(CodeActionRequest request, Diagnostic diagnostic)
    {
        var text = request.Text;
        var site = InstanceSites.In(request.Index, text.Path).FirstOrDefault(candidate => candidate.Instance.Location == diagnostic.Location);
        if (site is null)
        {
            yield break;
        }

        var unitName = site.Instance.UnitName;
        var reference = site.Parent.Symbol.References
            .Where(candidate => candidate.Kind == ReferenceKind.Unit && candidate.Name == unitName && candidate.Location.Span.End <= site.Instance.Location.Span.Start)
            .Select(candidate => (Location?)candidate.Location)
            .LastOrDefault();
        if (reference is not { } nameLocation || nameLocation.Span.End > text.Length || text.GetText(nameLocation.Span) != unitName)
        {
            yield break;
        }

        var candidates = request.Index.Units.All
            .Where(unit => unit.Kind is DesignUnitKind.Module or DesignUnitKind.Interface or DesignUnitKind.Program or DesignUnitKind.Entity)
            .Select(unit => (unit.Name, Distance: Distance(unit.Name.ToUpperInvariant(), unitName.ToUpperInvariant()), unit.Name == unitName))
            .Where(candidate => candidate.Distance <= Math.Max(1, unitName.Length / 4) && !candidate.Item3)
            .DistinctBy(candidate => candidate.Name)
            .OrderBy(candidate => candidate.Distance)
            .ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
            .Take(3);
        foreach (var (name, distance, _) in candidates)
        {
            yield return new CodeActionItem($"Instantiate '{name}' instead of '{unitName}'", CodeActionKind.QuickFix,
                [new TextChange(text.Path, nameLocation.Start, nameLocation.End, name)])
            {
                Fixes = diagnostic,
                IsPreferred = distance == 0,
            };
        }
    }

    /// <summary>The instance statement text: parameters with their defaults, every port by name.</summary>
    public static string Instance(IndexedUnit unit, string instanceName, HashSet<string> signals, bool inVhdl, string indentation)
    {
        var parameters = unit.Symbol.Parameters.Where(parameter => !parameter.IsLocal && !parameter.IsType).ToList();
        var ports = unit.Symbol.Ports.Select(port => Connection(port.Name, signals, inVhdl)).ToList();
        var text = new StringBuilder();
        void List(IReadOnlyList<string> items, string inner)
        {
            for (var index = 0; index < items.Count; index++)
            {
                text.Append('\n').Append(inner).Append(items[index]).Append(index + 1 < items.Count ? "," : string.Empty);
            }
        }

        if (inVhdl)
        {
            text.Append(instanceName).Append(" : entity ").Append(unit.IsVhdl ? unit.Symbol.Library ?? "work" : "work").Append('.').Append(unit.Name);
            if (parameters.Count > 0)
            {
                text.Append('\n').Append(indentation).Append("  generic map (");
                List([.. parameters.Select(parameter => $"{parameter.Name} => {parameter.DefaultValue ?? "open"}")], indentation + "    ");
                text.Append('\n').Append(indentation).Append("  )");
            }

            text.Append('\n').Append(indentation).Append("  port map (");
            List(ports, indentation + "    ");
            return text.Append('\n').Append(indentation).Append("  );").ToString();
        }

        text.Append(unit.Name);
        if (parameters.Count > 0)
        {
            text.Append(" #(");
            List([.. parameters.Select(parameter => $".{parameter.Name}({parameter.DefaultValue ?? string.Empty})")], indentation + "  ");
            text.Append('\n').Append(indentation).Append(')');
        }

        text.Append(' ').Append(instanceName).Append(" (");
        List(ports, indentation + "  ");
        return text.Append('\n').Append(indentation).Append(");").ToString();
    }

    private static string Connection(string port, HashSet<string> signals, bool isVhdl) =>
        isVhdl ? $"{port} => {(signals.Contains(port) ? port : "open")}" : $".{port}({(signals.Contains(port) ? port : string.Empty)})";

    /// <summary>Names a connection can use in the instantiating unit: its ports (an architecture's entity's) and signals.</summary>
    private static HashSet<string> SignalNames(WorkspaceIndex index, IndexedUnit parent)
    {
        var names = new HashSet<string>(parent.IsVhdl ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        var ports = parent.Symbol.Kind == DesignUnitKind.Architecture && parent.Symbol.Owner is { } owner
            ? index.Units.FindVhdl(parent.Symbol.Library ?? "work", owner)?.Symbol.Ports ?? []
            : parent.Symbol.Ports;
        names.UnionWith(ports.Select(port => port.Name));
        names.UnionWith(parent.Symbol.Declarations.Where(declaration => declaration.Kind is DeclarationKind.Net or DeclarationKind.Variable or DeclarationKind.Signal).Select(declaration => declaration.Name));
        return names;
    }

    private static string UniqueInstanceName(IndexedUnit parent, string unitName)
    {
        var taken = parent.Symbol.Instances.Select(instance => instance.InstanceName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var name = "u_" + unitName;
        for (var suffix = 1; taken.Contains(name); suffix++)
        {
            name = $"u_{unitName}_{suffix}";
        }

        return name;
    }

    /// <summary>The `(` and `)` of an instance's port list (SV: after the instance name; VHDL: of `port map`); a VHDL instance without one has no `(`.</summary>
    private static (int? Open, int Close)? PortList(string text, InstanceSymbol instance, bool isVhdl)
    {
        var after = instance.Location.Span.End;
        if (isVhdl)
        {
            if (SourceScanner.StatementEnd(text, after, isVhdl: true) is not { } semicolon)
            {
                return null;
            }

            var portMap = PortMap().Match(text, after, semicolon - after);
            if (!portMap.Success)
            {
                return (null, semicolon);
            }

            var open = portMap.Index + portMap.Length - 1;
            return SourceScanner.MatchingParenthesis(text, open, isVhdl: true) is { } close ? (open, close) : null;
        }

        var offset = SourceScanner.SkipTrivia(text, after, isVhdl: false);

        // An instance array: `u_x [3:0] (...)`.
        while (offset < text.Length && text[offset] == '[')
        {
            var closeBracket = text.IndexOf(']', offset);
            if (closeBracket < 0)
            {
                return null;
            }

            offset = SourceScanner.SkipTrivia(text, closeBracket + 1, isVhdl: false);
        }

        return offset < text.Length && text[offset] == '(' && SourceScanner.MatchingParenthesis(text, offset, isVhdl: false) is { } verilogClose ? (offset, verilogClose) : null;
    }

    private static int Distance(string left, string right)
    {
        var previous = new int[right.Length + 1];
        var current = new int[right.Length + 1];
        for (var column = 0; column <= right.Length; column++)
        {
            previous[column] = column;
        }

        for (var row = 1; row <= left.Length; row++)
        {
            current[0] = row;
            for (var column = 1; column <= right.Length; column++)
            {
                current[column] = Math.Min(Math.Min(current[column - 1] + 1, previous[column] + 1), previous[column - 1] + (left[row - 1] == right[column - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[right.Length];
    }

    [GeneratedRegex(@"\bport\s+map\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PortMap();
}
