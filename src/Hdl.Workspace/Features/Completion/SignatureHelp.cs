using System.Collections.Immutable;
using System.Text;
using Hdl.Design.Model;
using Hdl.Syntax.Text;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Features.Completion;

/// <summary>
/// Signature help inside an argument list: an instance's port or parameter list (SV `u (.a(x), .`, `m #(`; VHDL
/// `port map (`, `generic map (`) shows the unit's ports or parameters, a function, task or procedure call shows its
/// arguments, a system task its standard arguments. The active parameter is the one named (`.name(`, `name =>`) or
/// else the one at the argument's position. Reads the text before the cursor, so it works while the line is broken.
/// </summary>
public static class SignatureHelp
{
    public static SignatureHelpResult? Find(WorkspaceIndex index, string path, SourceText text, LinePosition position, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(text);
        var session = CodeCompletion.Session.Open(index, path, text, position);
        var context = session.Context;
        if (context.Trigger == CursorTrigger.None)
        {
            return null;
        }

        // The call site is read up to the cursor, the word being typed included.
        var tokens = new List<TextToken>(context.Tokens);
        tokens.AddRange(TextTokens.Lex(text.Text, context.PrefixStart, context.PrefixStart + context.Prefix.Length, context.IsVhdl));
        var site = CallSite.Find(tokens, context.IsVhdl);
        cancellationToken.ThrowIfCancellationRequested();
        if (site is null)
        {
            return null;
        }

        var signature = site.Kind == CallSiteKind.Call ? CallSignature(index, session, site) : UnitSignature(session, site);
        if (signature is null)
        {
            return null;
        }

        var (entry, names) = signature.Value;
        int? active = null;
        if (site.NamedArgument is { } named)
        {
            var at = names.FindIndex(name => string.Equals(name, named, context.Comparison));
            active = at >= 0 ? at : null;
        }
        else if (site.ArgumentIndex < entry.Parameters.Length)
        {
            active = site.ArgumentIndex;
        }
        else if (entry.Parameters.Length > 0 && entry.Parameters[^1].Label.EndsWith("...", StringComparison.Ordinal))
        {
            active = entry.Parameters.Length - 1;
        }

        return new SignatureHelpResult([entry], 0, active);
    }

    private static (SignatureEntry Entry, List<string> Names)? UnitSignature(CodeCompletion.Session session, CallSite site)
    {
        var index = session.Index;
        IndexedUnit? unit = null;
        if (site.Library is { } library)
        {
            unit = index.Units.FindVhdl(library.Equals("work", StringComparison.OrdinalIgnoreCase) ? session.Unit?.Symbol.Library ?? "work" : library, site.Target);
        }

        unit ??= session.Context.IsVhdl ? index.Units.FindVhdlInAnyLibrary(site.Target) ?? index.Units.FindVerilogIgnoringCase(site.Target) : DeclarationLookup.FindUnit(index, site.Target);
        var parameters = site.Kind == CallSiteKind.InstanceParameters;
        List<(string Name, string Text, string? Documentation)> items;
        string head;
        string? documentation;
        var vhdl = session.Context.IsVhdl;
        if (unit is not null)
        {
            items = parameters
                ? [.. unit.Symbol.Parameters.Where(parameter => !parameter.IsLocal).Select(parameter => (parameter.Name, ParameterText(parameter, unit.IsVhdl), (string?)null))]
                : [.. unit.Symbol.Ports.Select(port => (port.Name, PortText(port, unit.IsVhdl), port.Documentation))];
            head = unit.IsVhdl ? $"{unit.Kind.ToString().ToLowerInvariant()} {unit.QualifiedName}" : unit.Name;
            documentation = unit.Symbol.Documentation;
        }
        else if (vhdl && session.Unit is { } current && ComponentFormals(current, site.Target, parameters) is { Count: > 0 } formals)
        {
            // A component with no entity in the workspace: its declaration's ports and generics.
            items = formals;
            head = $"component {site.Target}";
            documentation = null;
        }
        else
        {
            return null;
        }

        // The list is written in the unit's language (a Verilog module seen from VHDL shows Verilog ports).
        var vhdlList = unit?.IsVhdl ?? vhdl;
        var open = vhdlList ? (parameters ? " generic (" : " port (") : parameters ? " #(" : " (";
        return Build(head + open, items, vhdlList ? "; " : ", ", ")", documentation);
    }

    private static List<(string Name, string Text, string? Documentation)> ComponentFormals(IndexedUnit unit, string component, bool parameters)
    {
        var wanted = parameters ? DefinitionKind.Parameter : DefinitionKind.Port;
        return [.. unit.Symbol.Definitions
            .Where(definition => definition.Kind == wanted && !definition.IsUnitLevel && string.Equals(definition.Container, component, StringComparison.OrdinalIgnoreCase))
            .Select(definition => (definition.Name, $"{definition.Name} : {definition.TypeText}", (string?)null))];
    }

    private static (SignatureEntry Entry, List<string> Names)? CallSignature(WorkspaceIndex index, CodeCompletion.Session session, CallSite site)
    {
        if (site.Target.StartsWith('$'))
        {
            var system = Vocabulary.SystemNames.FirstOrDefault(candidate => candidate.Name == site.Target);
            return system is null ? null : Build(system.Name + "(", [.. system.Arguments.Select(argument => (argument, argument, (string?)null))], ", ", ")", system.Documentation);
        }

        if (session.Names.Find(site.Target) is not { Symbol.Kind: DefinitionKind.Function or DefinitionKind.Task } name)
        {
            return null;
        }

        var owner = VisibleNames.OwnerOf(index, name.Symbol.Location) ?? name.Owner;
        var subprogram = owner.Symbol.Subprograms.FirstOrDefault(candidate => candidate.Location.Start == name.Symbol.Location.Start)
            ?? owner.Symbol.Subprograms.FirstOrDefault(candidate => string.Equals(candidate.Name, name.Symbol.Name, session.Context.Comparison) && !candidate.Arguments.IsEmpty)
            ?? owner.Symbol.Subprograms.FirstOrDefault(candidate => string.Equals(candidate.Name, name.Symbol.Name, session.Context.Comparison));
        if (subprogram is null)
        {
            return null;
        }

        var vhdl = owner.IsVhdl;
        var kind = subprogram.Kind.ToString().ToLowerInvariant();
        var returns = subprogram.ReturnType is { Text.Length: > 0 } type ? vhdl ? $" return {type.Text}" : string.Empty : string.Empty;
        var head = vhdl ? $"{kind} {subprogram.Name}(" : $"{kind} {(subprogram.ReturnType is { Text.Length: > 0 } svType ? svType.Text + " " : string.Empty)}{subprogram.Name}(";
        return Build(head, [.. subprogram.Arguments.Select(argument => (argument.Name, PortText(argument, vhdl), argument.Documentation))], vhdl ? "; " : ", ", ")" + returns, subprogram.Documentation);
    }

    private static (SignatureEntry Entry, List<string> Names) Build(string head, List<(string Name, string Text, string? Documentation)> items, string separator, string tail, string? documentation)
    {
        var label = new StringBuilder(head);
        var parameters = ImmutableArray.CreateBuilder<SignatureParameter>();
        for (var at = 0; at < items.Count; at++)
        {
            if (at > 0)
            {
                label.Append(separator);
            }

            var start = label.Length;
            label.Append(items[at].Text);
            parameters.Add(new SignatureParameter(items[at].Text, start, label.Length, items[at].Documentation));
        }

        label.Append(tail);
        return (new SignatureEntry(label.ToString(), parameters.ToImmutable(), documentation), [.. items.Select(item => item.Name)]);
    }

    private static string PortText(PortSymbol port, bool vhdl) =>
        vhdl ? $"{port.Name} : {CodeCompletion.Session.PortDetail(port with { Type = port.Type with { Width = null } }, vhdl)}" : $"{CodeCompletion.Session.PortDetail(port with { Type = port.Type with { Width = null } }, vhdl)} {port.Name}".TrimStart();

    private static string ParameterText(ParameterSymbol parameter, bool vhdl)
    {
        var value = parameter.DefaultValue is null ? string.Empty : (vhdl ? " := " : " = ") + parameter.DefaultValue;
        return vhdl ? $"{parameter.Name} : {parameter.Type.Text}{value}" : $"parameter {parameter.Type.Text} {parameter.Name}".Replace("  ", " ", StringComparison.Ordinal) + value;
    }
}
