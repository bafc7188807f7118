using System.Collections.Immutable;
using Hdl.Design.Model;
using Hdl.Syntax.Text;
using Hdl.Workspace.Elaboration;
using Hdl.Workspace.Features.Editing;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Features;

/// <summary>What an inlay hint says: the type of what is beside it (port direction and width), or the name of a positional argument.</summary>
public enum InlayHintKind
{
    Type,
    Parameter,
}

/// <summary>One hint: where it goes, its text, and on which side it wants a space.</summary>
public sealed record InlayHintItem(LinePosition Position, string Label, InlayHintKind Kind, bool PaddingLeft, bool PaddingRight);

/// <summary>
/// Inlay hints of a file: after each named port connection the port's direction and width (`input [7:0]`, VHDL
/// `in std_logic_vector(7 downto 0)`), widths computed by elaboration where every occurrence of the instance agrees,
/// else the dimensions as declared; before each positional port connection and each positional argument of a function,
/// task or procedure call the name of the port or argument (`clk:`).
/// </summary>
public static class InlayHints
{
    public static ImmutableArray<InlayHintItem> Compute(WorkspaceIndex index, InstanceHierarchy? hierarchy, SourceText text, LinePosition start, LinePosition end, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(text);
        var path = text.Path;
        bool InRange(Location location) => location.Path == path && location.End >= start && location.Start <= end;

        var hints = new List<InlayHintItem>();
        var widths = InstanceSites.ElaboratedWidths(hierarchy, path, cancellationToken);
        foreach (var site in InstanceSites.In(index, path))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (site.Target is not { } target)
            {
                continue;
            }

            widths.TryGetValue(site.Instance.Location, out var siteWidths);
            foreach (var connection in site.Instance.Ports)
            {
                if (!InRange(connection.Location) || InstanceSites.PortOf(target, connection) is not { } port)
                {
                    continue;
                }

                if (connection.Formal is null)
                {
                    hints.Add(new InlayHintItem(connection.Location.Start, $"{port.Name}:", InlayHintKind.Parameter, PaddingLeft: false, PaddingRight: true));
                    continue;
                }

                var width = siteWidths is not null && siteWidths.TryGetValue(port.Name, out var computed) ? computed : port.Type.Width;
                var label = InstanceSites.Describe(port, target.IsVhdl, width);
                if (label.Length > 0)
                {
                    hints.Add(new InlayHintItem(connection.Location.End, label, InlayHintKind.Type, PaddingLeft: true, PaddingRight: false));
                }
            }
        }

        AddCallArguments(index, text, InRange, hints, cancellationToken);
        return [.. hints.OrderBy(hint => hint.Position)];
    }

    private static void AddCallArguments(WorkspaceIndex index, SourceText text, Func<Location, bool> inRange, List<InlayHintItem> hints, CancellationToken cancellationToken)
    {
        var bindings = index.Bindings;
        foreach (var reference in bindings.ReferencesIn(text.Path, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!reference.IsBound || !inRange(reference.Location) || reference.Location.Span.End > text.Length
                || text.GetText(reference.Location.Span) != reference.Name
                || bindings.DefinitionAt(reference.Definitions[0]) is not { Symbol.Kind: DefinitionKind.Function or DefinitionKind.Task } definition)
            {
                continue;
            }

            var isVhdl = definition.Unit.IsVhdl;
            var open = SourceScanner.SkipTrivia(text.Text, reference.Location.Span.End, isVhdl);
            if (open >= text.Length || text.Text[open] != '(' || SourceScanner.SplitList(text.Text, open, isVhdl) is not { Count: > 0 } arguments)
            {
                continue;
            }

            var subprogram = FindSubprogram(definition, arguments.Count);
            if (subprogram is null)
            {
                continue;
            }

            for (var position = 0; position < arguments.Count && position < subprogram.Arguments.Length; position++)
            {
                var (argumentStart, argumentEnd) = arguments[position];
                var argument = text.Text[argumentStart..argumentEnd];

                // Named arguments say their name already; an empty one (`f(a, , c)`) has nothing to label.
                if (argument.Length == 0 || argument.StartsWith('.') || argument.Contains("=>", StringComparison.Ordinal))
                {
                    if (argument.Contains("=>", StringComparison.Ordinal) || argument.StartsWith('.'))
                    {
                        break;
                    }

                    continue;
                }

                hints.Add(new InlayHintItem(text.Lines.GetPosition(argumentStart), $"{subprogram.Arguments[position].Name}:", InlayHintKind.Parameter, PaddingLeft: false, PaddingRight: true));
            }
        }
    }

    private static SubprogramSymbol? FindSubprogram(Hdl.Workspace.Binding.BoundDefinition definition, int argumentCount)
    {
        var comparison = definition.Unit.IsVhdl ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var candidates = definition.Unit.Symbol.Subprograms.Where(subprogram => string.Equals(subprogram.Name, definition.Symbol.Name, comparison)).ToList();

        // Overloads (VHDL): the one declared at the definition, else one that takes that many arguments.
        return candidates.FirstOrDefault(subprogram => subprogram.Location.Span.Start <= definition.Symbol.Location.Span.Start && definition.Symbol.Location.Span.Start <= subprogram.Location.Span.End
                && subprogram.Location.Path == definition.Symbol.Location.Path)
            ?? candidates.FirstOrDefault(subprogram => subprogram.Arguments.Length == argumentCount)
            ?? candidates.FirstOrDefault();
    }
}
