using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Hdl.Design.Model;
using Hdl.Syntax;
using Hdl.Syntax.Text;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Features.Completion;

/// <summary>
/// Code completion for Verilog, SystemVerilog and VHDL. The text before the cursor decides what is asked (a name, a
/// member after `.`, a package member after `::`, a system task after `$`, a formal at an instance) and the code
/// level (module item, statement, expression; VHDL declarative, concurrent, sequential); the design model of the
/// file, as last analysed, and the unit table give the names. Works on broken text: only tokens before the cursor and
/// the units' definitions are read, never a tree of the current text. Nothing scans the workspace's files; units are
/// listed from the unit table.
/// </summary>
public static class CodeCompletion
{
    /// <summary>
    /// Answers one completion inside the first bound name of the first of <paramref name="paths"/> that has one, and
    /// drops it: the first completion in a process compiles its code paths (60-70 ms on opentitan/hw, against 1-27 ms
    /// after), which a background warm-up pays here instead of the user's first request.
    /// </summary>
    /// <returns>Whether a completion was answered.</returns>
    public static bool Prime(WorkspaceIndex index, IEnumerable<string> paths, Func<string, SourceText?> textOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(textOf);
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (index.Bindings.ReferencesIn(path, cancellationToken).FirstOrDefault(reference => reference.IsBound) is { } reference
                && textOf(path) is { } text)
            {
                var start = reference.Location.Start;
                _ = Complete(index, path, text, start with { Character = start.Character + 1 }, CompletionOptions.Default, cancellationToken);
                return true;
            }
        }

        return false;
    }

    public static CompletionResult Complete(WorkspaceIndex index, string path, SourceText text, LinePosition position, CompletionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        var session = Session.Open(index, path, text, position);
        var context = session.Context;
        var collector = new Collector(context.Prefix.TrimStart('$'), context.IsVhdl);
        cancellationToken.ThrowIfCancellationRequested();
        switch (context.Trigger)
        {
            case CursorTrigger.SystemName:
                foreach (var system in Vocabulary.SystemNames)
                {
                    collector.Add(new CompletionEntry(system.Name, system.IsFunction ? CompletionKind.SystemFunction : CompletionKind.SystemTask, Sort(Nearness.Keyword, system.Name),
                        new CompletionTopic(CompletionTopicKind.SystemName, system.Name, null, default))
                    { Detail = $"{system.Name}({string.Join(", ", system.Arguments)})", FilterText = system.Name[1..] });
                }

                break;
            case CursorTrigger.PackageScope:
                if (VisibleNames.FindPackage(index, context.Chain[0], null, null) is { } package)
                {
                    foreach (var export in VisibleNames.Exports(package))
                    {
                        collector.Add(session.Entry(export, package, Nearness.Imported));
                    }
                }

                break;
            case CursorTrigger.Member:
                session.AddMembers(collector);
                break;
            case CursorTrigger.NamedConnection:
                session.AddFormals(collector, CallSite.Find(context.Tokens, vhdl: false), connectionSyntax: true);
                break;
            case CursorTrigger.Attribute:
                foreach (var (name, documentation) in context.IsVhdl ? Vocabulary.VhdlAttributes : [])
                {
                    collector.Add(new CompletionEntry(name, CompletionKind.Attribute, Sort(Nearness.Keyword, name), new CompletionTopic(CompletionTopicKind.Attribute, name, null, default)) { Detail = documentation });
                }

                break;
            case CursorTrigger.Name:
                session.AddNames(collector, cancellationToken);
                break;
            default:
                break;
        }

        var (items, incomplete) = collector.Take(options.MaxItems);
        return new CompletionResult(items, incomplete, text.Lines.GetPosition(context.PrefixStart), context.Level);
    }

    /// <summary>
    /// The documentation of an item, made when the editor shows it: for a declaration, its hover (declaration as
    /// code, kind, width, drivers and loads, the comment beside it); for fixed words, what they do.
    /// </summary>
    /// <param name="declarationText">The text of the topic's file, when it is a declaration (for the identifier's range).</param>
    public static string? Resolve(WorkspaceIndex index, CompletionTopic topic, SourceText? declarationText, SignalFlow flow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(flow);
        switch (topic.Kind)
        {
            case CompletionTopicKind.Declaration when topic.Path is not null:
                return HoverInfo.Describe(index, topic.Path, topic.Position, declarationText, flow, cancellationToken)?.Markdown;
            case CompletionTopicKind.SystemName:
                return Vocabulary.SystemNames.FirstOrDefault(system => system.Name == topic.Name) is { } system
                    ? $"```systemverilog\n{system.Name}({string.Join(", ", system.Arguments)})\n```\n\n{system.Documentation}"
                    : null;
            case CompletionTopicKind.Snippet:
                return Vocabulary.Snippets.FirstOrDefault(snippet => snippet.Label == topic.Name) is { } snippet ? snippet.Documentation : null;
            case CompletionTopicKind.Attribute:
                return Vocabulary.VhdlAttributes.FirstOrDefault(attribute => attribute.Name == topic.Name).Documentation;
            case CompletionTopicKind.Library:
                return $"VHDL library `{topic.Name}`";
            default:
                return null;
        }
    }

    internal static string Sort(Nearness nearness, string label) => ((int)nearness).ToString(CultureInfo.InvariantCulture) + "_" + label.ToLowerInvariant();

    /// <summary>Everything one completion request needs: the analysed cursor, the unit it is in, the visible names.</summary>
    internal sealed class Session
    {
        private Session(WorkspaceIndex index, string path, SourceText text, CursorContext context, IndexedUnit? unit, IndexedUnit? fileUnit, bool modelHasCursor)
        {
            ModelHasCursor = modelHasCursor;
            Index = index;
            Path = path;
            Text = text;
            Context = context;
            Unit = unit;
            FileUnit = fileUnit;
            Names = VisibleNames.Collect(index, unit, fileUnit, context);
        }

        public WorkspaceIndex Index { get; }

        public string Path { get; }

        public SourceText Text { get; }

        public CursorContext Context { get; }

        public IndexedUnit? Unit { get; }

        public IndexedUnit? FileUnit { get; }

        public VisibleNames Names { get; }

        /// <summary>False when no unit of the file's design model spans the cursor: the text there did not parse into one.</summary>
        public bool ModelHasCursor { get; }

        public static Session Open(WorkspaceIndex index, string path, SourceText text, LinePosition position)
        {
            var offset = text.Lines.GetOffset(position);
            var vhdl = HdlLanguages.FromPath(path) == HdlLanguage.Vhdl;
            var (unit, fileUnit, spans) = UnitAt(index, path, position);
            var scanStart = unit is not null && unit.Symbol.Extent.Span.Start <= offset ? unit.Symbol.Extent.Span.Start : 0;
            var context = CursorContext.Analyse(text.Text, offset, scanStart, vhdl);
            if (context.Level == CodeLevel.Outside && unit is not null && !ReferenceEquals(unit, fileUnit) && unit.Symbol.Extent.Span.End < offset)
            {
                // Past the unit's end: nothing of it is visible.
                unit = fileUnit;
            }

            return new Session(index, path, text, context, unit, fileUnit, spans);
        }

        /// <summary>The unit whose extent holds the position (the innermost), else the last one starting before it; and the file's `$unit`.</summary>
        private static (IndexedUnit? Unit, IndexedUnit? FileUnit, bool Spans) UnitAt(WorkspaceIndex index, string path, LinePosition position)
        {
            var file = index.GetFile(path);
            if (file?.Design is null)
            {
                return (null, null, false);
            }

            DesignUnitSymbol? best = null;
            DesignUnitSymbol? before = null;
            DesignUnitSymbol? fileUnit = null;
            foreach (var unit in file.Design.Units)
            {
                if (unit.Name == "$unit" && unit.Language != HdlLanguage.Vhdl)
                {
                    fileUnit = unit;
                    continue;
                }

                if (unit.Extent.Start <= position && position <= unit.Extent.End)
                {
                    if (best is null || unit.Extent.Span.Length < best.Extent.Span.Length)
                    {
                        best = unit;
                    }
                }
                else if (unit.Extent.Start <= position && (before is null || unit.Extent.Start > before.Extent.Start))
                {
                    before = unit;
                }
            }

            var chosen = best ?? before ?? fileUnit;
            return (chosen is null ? null : new IndexedUnit(chosen, file.Path, file.Order), fileUnit is null ? null : new IndexedUnit(fileUnit, file.Path, file.Order), best is not null);
        }

        public void AddNames(Collector collector, CancellationToken cancellationToken)
        {
            var level = Context.Level;
            var vhdl = Context.IsVhdl;
            if (vhdl && CallSite.Find(Context.Tokens, vhdl: true) is { Kind: not CallSiteKind.Call, InFormalPosition: true } site)
            {
                AddFormals(collector, site, connectionSyntax: true);
            }

            if (level == CodeLevel.AfterName)
            {
                foreach (var name in Names.All)
                {
                    if (name.Symbol.Kind == DefinitionKind.Type)
                    {
                        collector.Add(Entry(name.Symbol, name.Owner, name.Nearness));
                    }
                }

                AddKeywords(collector, ["logic", "wire", "reg", "bit", "int", "integer", "signed", "unsigned", "var", "const", "automatic"]);
                return;
            }

            if (level != CodeLevel.Outside)
            {
                foreach (var name in Names.All)
                {
                    collector.Add(Entry(name.Symbol, name.Owner, name.Nearness));
                }
            }

            if (!ModelHasCursor && level != CodeLevel.Outside)
            {
                AddWords(collector);
            }

            cancellationToken.ThrowIfCancellationRequested();
            AddUnits(collector, level);
            switch (level)
            {
                case CodeLevel.Outside:
                    AddKeywords(collector, vhdl ? Vocabulary.VhdlOutside : Vocabulary.SvOutside);
                    break;
                case CodeLevel.ModuleItem:
                    AddKeywords(collector, Vocabulary.SvModuleItem);
                    break;
                case CodeLevel.Statement:
                    AddKeywords(collector, Vocabulary.SvStatement);
                    break;
                case CodeLevel.Expression:
                    AddKeywords(collector, vhdl ? Vocabulary.VhdlExpression : Vocabulary.SvExpression);
                    break;
                case CodeLevel.VhdlDeclarative:
                    AddKeywords(collector, Vocabulary.VhdlDeclarative);
                    break;
                case CodeLevel.VhdlConcurrent:
                    AddKeywords(collector, Vocabulary.VhdlConcurrent);
                    break;
                case CodeLevel.VhdlSequential:
                    AddKeywords(collector, Vocabulary.VhdlSequential);
                    break;
                default:
                    break;
            }

            AddSnippets(collector, level);
        }

        /// <summary>
        /// The identifiers written before the cursor since the unit started, for text the analysis could not make a
        /// unit of (a header still being typed): they are the names declared there, and sort after everything known.
        /// </summary>
        private void AddWords(Collector collector)
        {
            foreach (var token in Context.Tokens)
            {
                if (token.Kind == TextTokenKind.Identifier && !token.Text.StartsWith('`') && !Vocabulary.IsKeyword(token.Text, Context.IsVhdl) && token.Text != Context.Prefix)
                {
                    collector.Add(new CompletionEntry(token.Text, CompletionKind.Other, Sort(Nearness.Word, token.Text), new CompletionTopic(CompletionTopicKind.Keyword, token.Text, null, default)) { Detail = "word in this file" });
                }
            }
        }

        /// <summary>Units of the workspace from the unit table: instance templates where an instance can start, plain names elsewhere.</summary>
        private void AddUnits(Collector collector, CodeLevel level)
        {
            var vhdl = Context.IsVhdl;
            var templates = level is CodeLevel.ModuleItem or CodeLevel.VhdlConcurrent;
            var libraries = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var unit in Index.Units.All)
            {
                if (!IsName(unit.Name) || !collector.Matches(unit.Name) && !(vhdl && unit.Symbol.Library is { } lib && collector.Matches(lib)))
                {
                    continue;
                }

                if (unit.IsVhdl && unit.Symbol.Library is { } library)
                {
                    libraries.Add(library);
                }

                var instantiable = unit.Kind is DesignUnitKind.Module or DesignUnitKind.Interface or DesignUnitKind.Program or DesignUnitKind.Entity;
                if (templates && instantiable)
                {
                    // Made only if the item is among those sent: a workspace has thousands of units.
                    collector.Add(unit.Name, Sort(Nearness.Workspace, unit.Name), () => InstanceTemplate(unit));
                }
                else if (unit.Kind == DesignUnitKind.Package && (!vhdl || level is CodeLevel.Outside or CodeLevel.VhdlDeclarative) && (unit.IsVhdl == vhdl))
                {
                    collector.Add(UnitEntry(unit, Nearness.Workspace));
                }
                else if (instantiable && level is CodeLevel.Expression or CodeLevel.Statement && !unit.IsVhdl && !vhdl)
                {
                    // Hierarchical references start with a module name.
                    collector.Add(UnitEntry(unit, Nearness.Workspace));
                }
            }

            if (vhdl)
            {
                libraries.Add("work");
                libraries.Add("ieee");
                libraries.Add("std");
                foreach (var library in libraries)
                {
                    collector.Add(new CompletionEntry(library, CompletionKind.Library, Sort(Nearness.Workspace, library), new CompletionTopic(CompletionTopicKind.Library, library, null, default)) { Detail = "library" });
                }
            }
        }

        public void AddMembers(Collector collector)
        {
            var chain = Context.Chain;
            var vhdl = Context.IsVhdl;
            if (vhdl && Names.Find(chain[0]) is null && IsLibrary(chain[0]))
            {
                AddLibraryMembers(collector, chain);
                return;
            }

            var current = Names.Find(chain[0]);
            IndexedUnit? unitPrefix = null;
            if (current is null)
            {
                // `pkg.x` in VHDL, `top.u.sig` in SV: the head names a unit.
                unitPrefix = vhdl ? VisibleNames.FindPackage(Index, chain[0], null, Unit) : Index.Units.FindVerilog(chain[0]);
                if (unitPrefix is null)
                {
                    return;
                }
            }

            for (var at = 1; at < chain.Count; at++)
            {
                var members = current is { } value ? MembersOf(value) : unitPrefix is not null ? ExportsAsNames(unitPrefix) : [];
                unitPrefix = null;
                current = members.FirstOrDefault(member => string.Equals(member.Symbol.Name, chain[at], Context.Comparison));
                if (current is null || current.Value.Symbol is null)
                {
                    return;
                }
            }

            var found = current is { } last ? MembersOf(last) : unitPrefix is not null ? ExportsAsNames(unitPrefix) : [];
            foreach (var member in found)
            {
                collector.Add(Entry(member.Symbol, member.Owner, Nearness.Local));
            }

            if (vhdl && unitPrefix is null && current is { Symbol.Kind: DefinitionKind.Unit or DefinitionKind.Package })
            {
                AddKeywords(collector, ["all"]);
            }
        }

        private void AddLibraryMembers(Collector collector, List<string> chain)
        {
            var library = chain[0].Equals("work", StringComparison.OrdinalIgnoreCase) ? Unit?.Symbol.Library ?? "work" : chain[0];
            if (chain.Count == 1)
            {
                foreach (var unit in Index.Units.All)
                {
                    if (unit.IsVhdl && IsName(unit.Name) && unit.Kind is DesignUnitKind.Entity or DesignUnitKind.Package or DesignUnitKind.Configuration or DesignUnitKind.Context
                        && string.Equals(unit.Symbol.Library ?? "work", library, StringComparison.OrdinalIgnoreCase) && collector.Matches(unit.Name))
                    {
                        collector.Add(UnitEntry(unit, Nearness.Local));
                    }
                }

                foreach (var (standardLibrary, package) in StandardVhdlPackages.All)
                {
                    if (standardLibrary.Equals(library, StringComparison.OrdinalIgnoreCase))
                    {
                        collector.Add(new CompletionEntry(package, CompletionKind.Package, Sort(Nearness.Imported, package), new CompletionTopic(CompletionTopicKind.Library, $"{standardLibrary}.{package}", null, default)) { Detail = "package" });
                    }
                }

                AddKeywords(collector, ["all"]);
                return;
            }

            if (chain.Count == 2 && VisibleNames.FindPackage(Index, chain[1], library, Unit) is { } package2)
            {
                foreach (var export in VisibleNames.Exports(package2))
                {
                    collector.Add(Entry(export, package2, Nearness.Local));
                }

                AddKeywords(collector, ["all"]);
            }
        }

        private bool IsLibrary(string name)
        {
            if (name.Equals("work", StringComparison.OrdinalIgnoreCase) || name.Equals("ieee", StringComparison.OrdinalIgnoreCase) || name.Equals("std", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            foreach (var unit in Index.Units.All)
            {
                if (unit.IsVhdl && string.Equals(unit.Symbol.Library, name, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        private static List<VisibleName> ExportsAsNames(IndexedUnit unit) => [.. VisibleNames.Exports(unit).Select(export => new VisibleName(export, Nearness.Local, unit))];

        /// <summary>What `.` after a name shows: a struct/record's fields, an instance's or interface's items, a package's members.</summary>
        private List<VisibleName> MembersOf(VisibleName name, int depth = 0)
        {
            var symbol = name.Symbol;
            if (depth > 4)
            {
                return [];
            }

            if (symbol.Kind is DefinitionKind.Unit or DefinitionKind.Package && name.Owner.Symbol.NameLocation == symbol.Location)
            {
                return ExportsAsNames(name.Owner);
            }

            var typeName = symbol.TypeName ?? (symbol.Kind == DefinitionKind.Instance ? symbol.TypeText : null);
            if (typeName is null)
            {
                return [];
            }

            VisibleName? type = null;
            var separator = typeName.LastIndexOf("::", StringComparison.Ordinal);
            if (separator > 0)
            {
                if (VisibleNames.FindPackage(Index, typeName[..separator], null, null) is { } package)
                {
                    var member = VisibleNames.Exports(package).FirstOrDefault(export => export.Name == typeName[(separator + 2)..]);
                    type = member is null ? null : new VisibleName(member, Nearness.Imported, package);
                }
            }
            else
            {
                type = Names.Find(typeName);
                if (type is null && VisibleNames.Exports(name.Owner).FirstOrDefault(export => string.Equals(export.Name, typeName, Context.Comparison)) is { } own)
                {
                    type = new VisibleName(own, Nearness.Unit, name.Owner);
                }
            }

            if (type is null || type.Value.Symbol.Kind is DefinitionKind.Unit)
            {
                // An instance, interface port or anonymous struct: the unit of that name, else the fields keyed by the name.
                var fields = FieldsOf(name.Owner, typeName);
                if (fields.Count > 0)
                {
                    return fields;
                }

                var unit = DeclarationLookup.FindUnit(Index, typeName);
                return unit is null ? [] : ExportsAsNames(unit);
            }

            var typeSymbol = type.Value.Symbol;
            var result = FieldsOf(type.Value.Owner, typeSymbol.Name);
            if (result.Count == 0 && typeSymbol.TypeName is { } aliased && !string.Equals(aliased, typeSymbol.Name, Context.Comparison))
            {
                return MembersOf(type.Value with { Symbol = typeSymbol with { Kind = DefinitionKind.Signal } }, depth + 1);
            }

            return result;
        }

        private List<VisibleName> FieldsOf(IndexedUnit owner, string key)
        {
            var comparison = owner.IsVhdl ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            var result = new List<VisibleName>();
            foreach (var definition in owner.Symbol.Definitions)
            {
                if (definition.Kind == DefinitionKind.Field && string.Equals(definition.MemberOf, key, comparison))
                {
                    result.Add(new VisibleName(definition, Nearness.Local, owner));
                }
            }

            return result;
        }

        /// <summary>The ports (or parameters) of the unit an instance connects, without those already connected.</summary>
        public void AddFormals(Collector collector, CallSite? site, bool connectionSyntax)
        {
            if (site is null || site.Kind == CallSiteKind.Call || FindUnit(site.Target, site.Library) is not { } unit)
            {
                return;
            }

            var vhdl = Context.IsVhdl;
            var position = 0;
            foreach (var (name, detail, kind, location) in Formals(unit, site.Kind == CallSiteKind.InstanceParameters))
            {
                position++;
                if (site.Connected.Contains(name))
                {
                    continue;
                }

                var insert = vhdl ? $"{Escape(name)} => ${{1:{Escape(name)}}}" : $"{Escape(name)}(${{1:{Escape(name)}}})";
                collector.Add(new CompletionEntry(name, kind, CompletionKind.Port == kind || kind == CompletionKind.Parameter ? "0_" + position.ToString("D4", CultureInfo.InvariantCulture) : Sort(Nearness.Formal, name),
                    new CompletionTopic(CompletionTopicKind.Declaration, name, location.Path, location.Start))
                { Detail = detail, InsertText = connectionSyntax ? insert : null, IsSnippet = connectionSyntax, FilterText = name });
            }
        }

        private IndexedUnit? FindUnit(string name, string? library)
        {
            if (library is not null)
            {
                var lib = library.Equals("work", StringComparison.OrdinalIgnoreCase) ? Unit?.Symbol.Library ?? "work" : library;
                if (Index.Units.FindVhdl(lib, name) is { } vhdlUnit)
                {
                    return vhdlUnit;
                }
            }

            return Context.IsVhdl ? Index.Units.FindVhdlInAnyLibrary(name) ?? Index.Units.FindVerilogIgnoringCase(name) : DeclarationLookup.FindUnit(Index, name);
        }

        /// <summary>The ports or overridable parameters of a unit, with their detail text.</summary>
        internal static IEnumerable<(string Name, string Detail, CompletionKind Kind, Location Location)> Formals(IndexedUnit unit, bool parameters)
        {
            if (parameters)
            {
                foreach (var parameter in unit.Symbol.Parameters)
                {
                    if (!parameter.IsLocal)
                    {
                        yield return (parameter.Name, ParameterDetail(parameter, unit.IsVhdl), CompletionKind.Parameter, parameter.Location);
                    }
                }

                yield break;
            }

            foreach (var port in unit.Symbol.Ports)
            {
                yield return (port.Name, PortDetail(port, unit.IsVhdl), CompletionKind.Port, port.Location);
            }
        }

        internal static string PortDetail(PortSymbol port, bool vhdl)
        {
            var direction = HoverInfo.Direction(port.Direction, vhdl);
            var width = port.Type.Width is { } bits and > 1 ? FormattableString.Invariant($" ({bits} bits)") : string.Empty;
            return $"{direction} {port.Type.Text}".Trim() + width;
        }

        internal static string ParameterDetail(ParameterSymbol parameter, bool vhdl)
        {
            var value = parameter.DefaultValue is null ? string.Empty : (vhdl ? " := " : " = ") + parameter.DefaultValue;
            var head = vhdl ? parameter.Type.Text : $"{(parameter.IsLocal ? "localparam" : "parameter")} {parameter.Type.Text}".Trim();
            return head.Trim() + value;
        }

        public CompletionEntry Entry(DefinitionSymbol symbol, IndexedUnit owner, Nearness nearness)
        {
            var kind = KindOf(symbol, owner);
            var detail = symbol.TypeText;
            if (symbol.Kind == DefinitionKind.Port && owner.Symbol.Ports.FirstOrDefault(port => port.Location == symbol.Location) is { } port)
            {
                detail = PortDetail(port, owner.IsVhdl);
            }
            else if (symbol.Kind == DefinitionKind.Parameter && owner.Symbol.Parameters.FirstOrDefault(parameter => parameter.Location == symbol.Location) is { } parameter)
            {
                detail = ParameterDetail(parameter, owner.IsVhdl);
            }
            else if (symbol.Kind == DefinitionKind.EnumMember)
            {
                detail = symbol.TypeName is { } enumType && !enumType.StartsWith('<') ? $"enum {enumType}" : "enum member";
            }

            if (nearness != Nearness.Local && owner.Symbol.Kind == DesignUnitKind.Package && !ReferenceEquals(owner.Symbol, Unit?.Symbol))
            {
                detail = $"{detail} · {owner.Name}".TrimStart(' ', '·');
            }

            return new CompletionEntry(symbol.Name, kind, Sort(nearness, symbol.Name), new CompletionTopic(CompletionTopicKind.Declaration, symbol.Name, symbol.Location.Path, symbol.Location.Start))
            {
                Detail = string.IsNullOrEmpty(detail) ? symbol.Kind.ToString().ToLowerInvariant() : detail,
            };
        }

        private static CompletionKind KindOf(DefinitionSymbol symbol, IndexedUnit owner) => symbol.Kind switch
        {
            DefinitionKind.Port => CompletionKind.Port,
            DefinitionKind.Parameter => CompletionKind.Parameter,
            DefinitionKind.Net or DefinitionKind.Signal => CompletionKind.Signal,
            DefinitionKind.Variable => CompletionKind.Variable,
            DefinitionKind.Constant => CompletionKind.Constant,
            DefinitionKind.Type => CompletionKind.Type,
            DefinitionKind.EnumMember => CompletionKind.EnumMember,
            DefinitionKind.Field => CompletionKind.Field,
            DefinitionKind.Function => CompletionKind.Function,
            DefinitionKind.Task => owner.IsVhdl ? CompletionKind.Function : CompletionKind.Task,
            DefinitionKind.Instance => CompletionKind.Instance,
            DefinitionKind.Package => CompletionKind.Package,
            DefinitionKind.Unit => CompletionKind.Module,
            _ => CompletionKind.Other,
        };

        private CompletionEntry UnitEntry(IndexedUnit unit, Nearness nearness) =>
            new(unit.Name, unit.Kind == DesignUnitKind.Package ? CompletionKind.Package : unit.Kind == DesignUnitKind.Interface ? CompletionKind.Interface : CompletionKind.Module,
                Sort(nearness, unit.Name), new CompletionTopic(CompletionTopicKind.Declaration, unit.Name, unit.Path, unit.Symbol.NameLocation.Start))
            {
                Detail = unit.IsVhdl ? $"{unit.Kind.ToString().ToLowerInvariant()} {unit.QualifiedName}" : unit.Kind.ToString().ToLowerInvariant(),
            };

        /// <summary>
        /// A unit name that expands to an instance with every parameter and port connected by name to a signal of the
        /// same name: `m #(.W(W)) u_m (.clk(clk), ...);` or VHDL `u_m : entity work.m generic map (...) port map (...);`.
        /// </summary>
        private CompletionEntry InstanceTemplate(IndexedUnit unit)
        {
            var vhdl = Context.IsVhdl;
            var parameters = Formals(unit, parameters: true).Select(formal => formal.Name).ToList();
            var ports = Formals(unit, parameters: false).Select(formal => formal.Name).ToList();
            var body = new StringBuilder();
            var tab = 1;
            var instanceName = "u_" + unit.Name;
            if (vhdl)
            {
                var library = unit.IsVhdl && !string.Equals(unit.Symbol.Library ?? "work", Unit?.Symbol.Library ?? "work", StringComparison.OrdinalIgnoreCase) ? unit.Symbol.Library! : "work";
                body.Append(CultureInfo.InvariantCulture, $"${{{tab++}:{Escape(instanceName)}}} : entity {library}.{Escape(unit.Name)}");
                AppendVhdlMap(body, "generic", parameters, ref tab);
                AppendVhdlMap(body, "port", ports, ref tab);
                body.Append(';');
            }
            else
            {
                body.Append(Escape(unit.Name));
                if (parameters.Count > 0)
                {
                    body.Append(" #(\n");
                    AppendSvConnections(body, parameters, ref tab);
                    body.Append(')');
                }

                body.Append(CultureInfo.InvariantCulture, $" ${{{tab++}:{Escape(instanceName)}}} (");
                if (ports.Count > 0)
                {
                    body.Append('\n');
                    AppendSvConnections(body, ports, ref tab);
                }

                body.Append(");");
            }

            var kindText = unit.Kind.ToString().ToLowerInvariant();
            return new CompletionEntry(unit.Name, unit.Kind == DesignUnitKind.Interface ? CompletionKind.Interface : CompletionKind.Module, Sort(Nearness.Workspace, unit.Name),
                new CompletionTopic(CompletionTopicKind.Declaration, unit.Name, unit.Path, unit.Symbol.NameLocation.Start))
            {
                Detail = FormattableString.Invariant($"{kindText} instance · {parameters.Count} parameters, {ports.Count} ports"),
                InsertText = body.ToString(),
                IsSnippet = true,
                FilterText = unit.Name,
            };
        }

        private static void AppendSvConnections(StringBuilder body, List<string> names, ref int tab)
        {
            for (var at = 0; at < names.Count; at++)
            {
                var name = Escape(names[at]);
                body.Append(CultureInfo.InvariantCulture, $"  .{name}(${{{tab++}:{name}}}){(at + 1 < names.Count ? "," : string.Empty)}\n");
            }
        }

        private static void AppendVhdlMap(StringBuilder body, string keyword, List<string> names, ref int tab)
        {
            if (names.Count == 0)
            {
                return;
            }

            body.Append(CultureInfo.InvariantCulture, $"\n  {keyword} map (\n");
            for (var at = 0; at < names.Count; at++)
            {
                var name = Escape(names[at]);
                body.Append(CultureInfo.InvariantCulture, $"    {name} => ${{{tab++}:{name}}}{(at + 1 < names.Count ? "," : string.Empty)}\n");
            }

            body.Append("  )");
        }

        private static void AddKeywords(Collector collector, IEnumerable<string> keywords)
        {
            foreach (var keyword in keywords)
            {
                collector.Add(new CompletionEntry(keyword, CompletionKind.Keyword, Sort(Nearness.Keyword, keyword), new CompletionTopic(CompletionTopicKind.Keyword, keyword, null, default)) { Detail = "keyword" });
            }
        }

        private void AddSnippets(Collector collector, CodeLevel level)
        {
            var clock = GuessName(["clk_i", "clk", "clock", "i_clk", "aclk"], "clk") ?? (Context.IsVhdl ? "clk" : "clk_i");
            var reset = GuessName(["rst_ni", "rst_n", "resetn", "rstn", "rst", "reset", "arst_n", "aresetn"], "rst") ?? (Context.IsVhdl ? "rst" : "rst_ni");
            foreach (var snippet in Vocabulary.Snippets)
            {
                if (snippet.Level != level || !collector.Matches(snippet.Label.Split(' ')[0]))
                {
                    continue;
                }

                var body = snippet.Body.Replace(":CLK}", ":" + Escape(clock) + "}", StringComparison.Ordinal).Replace(":RST}", ":" + Escape(reset) + "}", StringComparison.Ordinal);
                collector.Add(new CompletionEntry(snippet.Label, CompletionKind.Snippet, Sort(Nearness.Snippet, snippet.Label), new CompletionTopic(CompletionTopicKind.Snippet, snippet.Label, null, default))
                {
                    Detail = "snippet",
                    InsertText = body,
                    IsSnippet = true,
                    FilterText = snippet.Label.Split(' ')[0],
                }, force: true);
            }
        }

        /// <summary>The clock or reset of the unit by its usual names, so the snippet's placeholders start right.</summary>
        private string? GuessName(string[] preferred, string fragment)
        {
            foreach (var candidate in preferred)
            {
                if (Names.Find(candidate) is { Symbol.Kind: DefinitionKind.Port or DefinitionKind.Signal or DefinitionKind.Net })
                {
                    return Names.Find(candidate)!.Value.Symbol.Name;
                }
            }

            foreach (var name in Names.All)
            {
                if (name.Symbol.Kind == DefinitionKind.Port && name.Symbol.Name.Contains(fragment, StringComparison.OrdinalIgnoreCase))
                {
                    return name.Symbol.Name;
                }
            }

            return null;
        }

        /// <summary>False for what error recovery left as a unit name (a `;`), which nobody wants offered.</summary>
        private static bool IsName(string name) => name.Length > 0 && (TextTokens.IsIdentifierStart(name[0]) || name[0] == '\\');

        internal static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("$", "\\$", StringComparison.Ordinal).Replace("}", "\\}", StringComparison.Ordinal);
    }

    /// <summary>Keeps items whose label matches the typed prefix (at its start or after `_`), once per label, nearest first.</summary>
    internal sealed class Collector(string prefix, bool vhdl)
    {
        private readonly Dictionary<string, (string SortText, CompletionEntry? Entry, Func<CompletionEntry>? Make)> _items = new(vhdl ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

        public bool Matches(string label)
        {
            if (prefix.Length == 0 || label.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            for (var at = label.IndexOf('_', StringComparison.Ordinal); at >= 0 && at + 1 < label.Length; at = label.IndexOf('_', at + 1))
            {
                if (string.Compare(label, at + 1, prefix, 0, prefix.Length, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <param name="force">Add even when an item of that label exists (a snippet named like a keyword).</param>
        public void Add(CompletionEntry entry, bool force = false)
        {
            if (!Matches(entry.FilterText ?? entry.Label))
            {
                return;
            }

            Keep(force ? entry.Label + "\u0001snippet" : entry.Label, entry.SortText, entry, null);
        }

        /// <summary>An item made only when it is among those returned; <paramref name="label"/> is also what the prefix filters.</summary>
        public void Add(string label, string sortText, Func<CompletionEntry> make)
        {
            if (Matches(label))
            {
                Keep(label, sortText, null, make);
            }
        }

        public (ImmutableArray<CompletionEntry> Items, bool Incomplete) Take(int max)
        {
            var sorted = _items.OrderBy(item => item.Value.SortText, StringComparer.Ordinal).ThenBy(item => item.Key, StringComparer.Ordinal).Take(max + 1).ToList();
            var items = sorted.Take(max).Select(item => item.Value.Entry ?? item.Value.Make!()).ToImmutableArray();
            return (items, sorted.Count > max);
        }

        private void Keep(string key, string sortText, CompletionEntry? entry, Func<CompletionEntry>? make)
        {
            if (!_items.TryGetValue(key, out var existing) || string.CompareOrdinal(sortText, existing.SortText) < 0)
            {
                _items[key] = (sortText, entry, make);
            }
        }
    }
}
