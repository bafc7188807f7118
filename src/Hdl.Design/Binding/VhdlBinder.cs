using System.Collections.Immutable;
using Hdl.Design.Model;
using Hdl.Design.Syntax;
using Hdl.Syntax;

namespace Hdl.Design.Binding;

/// <summary>
/// Binds the names of one VHDL file, ignoring case. Scopes: design units (an architecture also sees its entity, a
/// package body its package), processes, blocks and generate bodies, subprograms, loops, component declarations
/// and the fields of record types. `lib.pkg.name` and `pkg.name` are package members; `x.f` is a record field.
/// </summary>
internal sealed class VhdlBinder : FileBinder
{
    private static readonly string[] DefaultLibraries = ["work", "std", "ieee"];

    private readonly HashSet<string> _libraries = new(DefaultLibraries, StringComparer.OrdinalIgnoreCase);
    private readonly CancellationToken _cancellationToken;

    private VhdlBinder(CancellationToken cancellationToken)
        : base(StringComparer.OrdinalIgnoreCase)
    {
        _cancellationToken = cancellationToken;
    }

    protected override bool HeadOfDottedNameIsReportable => true;

    public static ImmutableArray<DesignUnitSymbol> Bind(SyntaxTree tree, ImmutableArray<DesignUnitSymbol> units, CancellationToken cancellationToken)
    {
        var binder = new VhdlBinder(cancellationToken);
        foreach (var designUnit in tree.Root.Descendants("design_unit"))
        {
            binder.VisitDesignUnit(designUnit);
        }

        return binder.Complete(units);
    }

    protected override bool IsLibrary(string name, BindingScope scope) => _libraries.Contains(name);

    private void VisitDesignUnit(SyntaxNode designUnit)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var unitNode = designUnit.ChildNode("library_unit")?.FirstChildNode();
        var name = unitNode?.ChildNode("identifier");
        if (unitNode is null || name is null)
        {
            return;
        }

        var location = LocationOf(name, out _);
        var scope = OpenUnit(FileScope, NameOf(name), name.Location);
        var context = designUnit.ChildNode("context_clause");
        if (context is not null)
        {
            Visit(context, scope, quiet: false);
        }

        switch (unitNode.Kind)
        {
            case "entity_declaration" or "package_declaration" or "configuration_declaration" or "context_declaration" or "package_instantiation_declaration":
                {
                    var kind = unitNode.Kind is "package_declaration" or "package_instantiation_declaration" ? DefinitionKind.Package : DefinitionKind.Unit;
                    SetMemberScope(Declare(FileScope, NameOf(name), kind, location, unitNode.Kind.Replace("_declaration", string.Empty, StringComparison.Ordinal), NameOf(name), into: scope.Bucket), scope);
                    var of = unitNode.ChildNode("name");
                    if (of is not null && unitNode.Kind == "configuration_declaration")
                    {
                        RecordUnit(of, scope, ReferenceKind.Unit);
                    }
                    else if (of is not null)
                    {
                        RecordUnit(of, scope, ReferenceKind.Package);
                    }

                    var quiet = unitNode.Kind is "configuration_declaration" or "context_declaration";
                    VisitChildren(unitNode, scope, quiet, except: ["identifier", "name"]);
                    break;
                }

            case "architecture_body":
                {
                    Declare(scope, NameOf(name), DefinitionKind.Unit, location, "architecture", null);
                    var entityName = unitNode.ChildNode("name");
                    if (entityName is not null)
                    {
                        RecordUnit(entityName, scope, ReferenceKind.Unit);
                        var entity = FileScope.Names.GetValueOrDefault(entityName.Text.Trim());
                        scope.Companion = entity is null ? null : MemberScopeOf(entity);
                    }

                    VisitChildren(unitNode, scope, quiet: false, except: ["identifier", "name"]);
                    break;
                }

            case "package_body":
                {
                    Record(new PendingChain(scope, [Part(name, NameSeparator.None, out _)]) { HeadKind = ReferenceKind.Package });
                    var package = FileScope.Names.GetValueOrDefault(NameOf(name));
                    scope.Companion = package is null ? null : MemberScopeOf(package);
                    VisitChildren(unitNode, scope, quiet: false, except: ["identifier"]);
                    break;
                }

            default:
                VisitChildren(unitNode, scope, quiet: true, except: ["identifier"]);
                break;
        }
    }

    private void VisitChildren(SyntaxNode node, BindingScope scope, bool quiet, string[]? except = null)
    {
        foreach (var child in node.ChildNodes)
        {
            if (except is null || Array.IndexOf(except, child.Kind) < 0)
            {
                Visit(child, scope, quiet);
            }
        }
    }

    private void Visit(SyntaxNode node, BindingScope scope, bool quiet, DefinitionKind? interfaceKind = null)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        switch (node.Kind)
        {
            case "library_clause":
                foreach (var identifier in node.Descendants("identifier"))
                {
                    _libraries.Add(NameOf(identifier));
                }

                break;
            case "use_clause":
                foreach (var used in node.Children("name"))
                {
                    RecordUse(used, scope, quiet);
                }

                break;
            case "context_reference" or "attribute_specification" or "external_name" or "signature" or "attribute_designator"
                or "physical_literal" or "configuration_specification" or "disconnection_specification" or "psl_directive" or "psl_declaration"
                or "group_declaration" or "group_template_declaration" or "verification_unit_binding_indication":
                VisitQuietExceptNames(node, scope);
                break;
            case "generic_clause":
                VisitInterfaces(node, scope, quiet, DefinitionKind.Parameter);
                break;
            case "port_clause" or "formal_parameter_list":
                VisitInterfaces(node, scope, quiet, DefinitionKind.Port);
                break;
            case "interface_object_declaration":
                DeclareObjects(node, scope, quiet, interfaceKind ?? DefinitionKind.Port);
                break;
            case "interface_type_declaration":
                DeclareIdentifier(scope, node.ChildNode("identifier"), DefinitionKind.Type, "type", null);
                break;
            case "interface_package_declaration":
                DeclareIdentifier(scope, node.ChildNode("identifier"), DefinitionKind.Package, null, null);
                VisitChildren(node, scope, quiet, except: ["identifier"]);
                break;
            case "constant_declaration":
                DeclareObjects(node, scope, quiet, DefinitionKind.Constant);
                break;
            case "signal_declaration":
                DeclareObjects(node, scope, quiet, DefinitionKind.Signal);
                break;
            case "variable_declaration" or "file_declaration":
                DeclareObjects(node, scope, quiet, DefinitionKind.Variable);
                break;
            case "alias_declaration":
                {
                    var subtype = node.ChildNode("subtype_indication");
                    DeclareIdentifier(scope, node.ChildNode("alias_designator")?.ChildNode("identifier"), DefinitionKind.Other, subtype?.CompactText(), TypeNameOf(subtype));
                    VisitChildren(node, scope, quiet, except: ["alias_designator"]);
                    break;
                }

            case "attribute_declaration":
                DeclareIdentifier(scope, node.ChildNode("identifier"), DefinitionKind.Other, "attribute", null);
                VisitChildren(node, scope, quiet, except: ["identifier"]);
                break;
            case "type_declaration":
                VisitTypeDeclaration(node, scope, quiet);
                break;
            case "subtype_declaration":
                {
                    var subtype = node.ChildNode("subtype_indication");
                    DeclareIdentifier(scope, node.ChildNode("identifier"), DefinitionKind.Type, subtype?.CompactText(), TypeNameOf(subtype));
                    VisitChildren(node, scope, quiet, except: ["identifier"]);
                    break;
                }

            case "component_declaration":
                {
                    var name = node.ChildNode("identifier");
                    var inner = OpenScope(scope, NameOrNull(name));
                    var definition = DeclareIdentifier(scope, name, DefinitionKind.Unit, "component", NameOrNull(name));
                    if (definition is not null)
                    {
                        SetMemberScope(definition, inner);
                    }

                    VisitChildren(node, inner, quiet, except: ["identifier", "simple_name"]);
                    break;
                }

            case "subprogram_declaration" or "subprogram_body":
                VisitSubprogram(node, scope, quiet);
                break;
            case "subprogram_instantiation_declaration":
                {
                    var designator = node.ChildNode("designator")?.ChildNode("identifier");
                    DeclareIdentifier(scope, designator, DefinitionKind.Function, null, null);
                    VisitChildren(node, scope, quiet, except: ["designator"]);
                    break;
                }

            case "process_statement":
                VisitLabelledScope(node, scope, quiet, DefinitionKind.Process);
                break;
            case "block_statement":
                VisitLabelledScope(node, scope, quiet, DefinitionKind.Label);
                break;
            case "for_generate_statement" or "if_generate_statement" or "case_generate_statement":
                VisitGenerate(node, scope, quiet);
                break;
            case "loop_statement":
                {
                    var label = node.ChildNode("label")?.ChildNode("identifier");
                    DeclareIdentifier(scope, label, DefinitionKind.Label, null, null);
                    VisitChildren(node, OpenScope(scope, NameOrNull(label)), quiet, except: ["label"]);
                    break;
                }

            case "parameter_specification":
                DeclareIdentifier(scope, node.ChildNode("identifier"), DefinitionKind.Constant, null, null);
                VisitChildren(node, scope, quiet, except: ["identifier"]);
                break;
            case "component_instantiation_statement":
                VisitInstance(node, scope, quiet);
                break;
            case "label":
                DeclareIdentifier(scope, node.ChildNode("identifier"), DefinitionKind.Label, null, null);
                break;
            case "simple_name":
                // End names and next/exit loop labels: bound when found, never reported.
                RecordName(node.ChildNode("identifier"), scope, quiet: true);
                break;
            case "aggregate":
                foreach (var association in node.Children("element_association"))
                {
                    var hasArrow = association.ChildNode("expression") is not null;
                    foreach (var child in association.ChildNodes)
                    {
                        // Record aggregates name fields in their choices: those are bound when found, never reported.
                        Visit(child, scope, quiet || (hasArrow && child.Kind == "choices"));
                    }
                }

                break;
            case "association_element":
                // Formals of generic maps outside instances (package and subprogram instantiations) name the generic
                // unit's generics: bound when found, never reported. Instances bind their formals in VisitInstance.
                foreach (var child in node.ChildNodes)
                {
                    Visit(child, scope, quiet || child.Kind == "formal_part");
                }

                break;
            case "name":
                VisitName(node, scope, quiet);
                break;
            case "selected_name":
                RecordSelected(node, scope, quiet, ReferenceKind.Name);
                break;
            default:
                foreach (var child in node.ChildNodes)
                {
                    Visit(child, scope, quiet, interfaceKind);
                }

                break;
        }
    }

    private void VisitQuietExceptNames(SyntaxNode node, BindingScope scope)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child.Kind is "subtype_indication" or "expression")
            {
                Visit(child, scope, quiet: true);
            }
        }
    }

    private void VisitInterfaces(SyntaxNode node, BindingScope scope, bool quiet, DefinitionKind kind)
    {
        foreach (var declaration in node.DescendantsAndSelf())
        {
            if (declaration.Kind == "interface_declaration")
            {
                foreach (var child in declaration.ChildNodes)
                {
                    if (child.Kind == "interface_subprogram_declaration")
                    {
                        var designator = child.FirstDescendant("designator")?.ChildNode("identifier");
                        DeclareIdentifier(scope, designator, DefinitionKind.Function, null, null);
                        continue;
                    }

                    Visit(child, scope, quiet, kind);
                }
            }
        }
    }

    private void DeclareObjects(SyntaxNode node, BindingScope scope, bool quiet, DefinitionKind kind)
    {
        var subtype = node.ChildNode("subtype_indication");
        var typeName = TypeNameOf(subtype);
        foreach (var identifier in node.ChildNode("identifier_list")?.Children("identifier") ?? [])
        {
            DeclareIdentifier(scope, identifier, kind, subtype?.CompactText(), typeName);
        }

        VisitChildren(node, scope, quiet, except: ["identifier_list"]);
    }

    private void VisitTypeDeclaration(SyntaxNode node, BindingScope scope, bool quiet)
    {
        var name = node.ChildNode("identifier");
        var definitionNode = node.ChildNode("type_definition");
        var definition = DeclareIdentifier(scope, name, DefinitionKind.Type, definitionNode?.CompactText(), null);
        if (definitionNode is null || name is null)
        {
            return;
        }

        var record = definitionNode.ChildNode("record_type_definition");
        var enumeration = definitionNode.ChildNode("enumeration_type_definition");
        var physical = definitionNode.ChildNode("physical_type_definition");
        if (enumeration is not null)
        {
            foreach (var literal in enumeration.Children("enumeration_literal"))
            {
                DeclareIdentifier(scope, literal.ChildNode("identifier"), DefinitionKind.EnumMember, NameOf(name), NameOf(name));
            }
        }
        else if (record is not null)
        {
            var fields = OpenScope(scope, NameOf(name));
            if (definition is not null)
            {
                SetMemberScope(definition, fields);
            }

            foreach (var element in record.Children("element_declaration"))
            {
                var subtype = element.ChildNode("subtype_indication");
                foreach (var identifier in element.ChildNode("identifier_list")?.Children("identifier") ?? [])
                {
                    Declare(fields, NameOf(identifier), DefinitionKind.Field, LocationOf(identifier, out _), subtype?.CompactText(), TypeNameOf(subtype), NameOf(name));
                }

                if (subtype is not null)
                {
                    Visit(subtype, scope, quiet);
                }
            }
        }
        else if (physical is not null)
        {
            foreach (var unitDeclaration in physical.DescendantsAndSelf())
            {
                if (unitDeclaration.Kind is "primary_unit_declaration" or "secondary_unit_declaration")
                {
                    DeclareIdentifier(scope, unitDeclaration.ChildNode("identifier"), DefinitionKind.Constant, NameOf(name), null);
                }
            }

            VisitChildren(physical, scope, quiet: true, except: ["primary_unit_declaration", "secondary_unit_declaration", "simple_name"]);
        }
        else
        {
            var inner = definitionNode.FirstChildNode();
            if (inner?.Kind is "protected_type_declaration" or "protected_type_body")
            {
                VisitChildren(inner, OpenScope(scope, NameOf(name)), quiet, except: ["simple_name"]);
            }
            else
            {
                Visit(definitionNode, scope, quiet);
            }
        }
    }

    private void VisitSubprogram(SyntaxNode node, BindingScope scope, bool quiet)
    {
        var specification = node.FirstDescendant("subprogram_specification")?.FirstChildNode();
        if (specification is null)
        {
            VisitChildren(node, scope, quiet);
            return;
        }

        var designator = specification.ChildNode("designator")?.ChildNode("identifier");
        var returnType = specification.ChildNode("type_mark");
        var kind = specification.Kind == "function_specification" ? DefinitionKind.Function : DefinitionKind.Task;
        var inner = OpenScope(scope, NameOrNull(designator) ?? scope.Name);
        if (designator is not null)
        {
            // Overloads share a name: each declaration is its own definition, found by its place; uses bind to the first.
            var definition = scope.Names.ContainsKey(NameOf(designator))
                ? null
                : Declare(scope, NameOf(designator), kind, LocationOf(designator, out _), returnType?.CompactText(), null);
            if (definition is not null)
            {
                SetMemberScope(definition, inner);
            }
            else
            {
                inner.Bucket.Definitions.Add(new DefinitionSymbol(NameOf(designator), kind, LocationOf(designator, out _)) { Container = scope.Name, IsUnitLevel = scope.IsUnit, TypeText = returnType?.CompactText() });
            }
        }

        foreach (var child in specification.ChildNodes)
        {
            if (child.Kind != "designator")
            {
                Visit(child, inner, quiet);
            }
        }

        foreach (var child in node.ChildNodes)
        {
            if (child.Kind != "subprogram_specification")
            {
                Visit(child, inner, quiet, null);
            }
        }
    }

    private void VisitLabelledScope(SyntaxNode node, BindingScope scope, bool quiet, DefinitionKind kind)
    {
        var label = node.ChildNode("label")?.ChildNode("identifier");
        var inner = OpenScope(scope, NameOrNull(label) ?? scope.Name);
        var definition = DeclareIdentifier(scope, label, kind, null, null);
        if (definition is not null)
        {
            SetMemberScope(definition, inner);
        }

        VisitChildren(node, inner, quiet, except: ["label"]);
    }

    private void VisitGenerate(SyntaxNode node, BindingScope scope, bool quiet)
    {
        var label = node.ChildNode("label")?.ChildNode("identifier");
        var outer = OpenScope(scope, NameOrNull(label) ?? scope.Name);
        var definition = DeclareIdentifier(scope, label, DefinitionKind.GenerateBlock, null, null);
        if (definition is not null)
        {
            SetMemberScope(definition, outer);
        }

        var first = true;
        foreach (var child in node.ChildNodes)
        {
            if (child.Kind == "label" && first)
            {
                first = false;
                continue;
            }

            if (child.Kind == "generate_statement_body")
            {
                VisitChildren(child, OpenScope(outer, outer.Name), quiet);
            }
            else if (child.Kind == "case_generate_alternative")
            {
                foreach (var part in child.ChildNodes)
                {
                    Visit(part, part.Kind == "generate_statement_body" ? OpenScope(outer, outer.Name) : outer, quiet);
                }
            }
            else
            {
                Visit(child, outer, quiet);
            }
        }
    }

    private void VisitInstance(SyntaxNode node, BindingScope scope, bool quiet)
    {
        var label = node.ChildNode("label")?.ChildNode("identifier");
        var unit = node.ChildNode("instantiated_unit");
        var nameNode = unit?.ChildNode("selected_name") ?? unit?.ChildNode("name");
        var parts = nameNode is null ? [] : NameParts(nameNode, out _);
        string? unitName = null;
        string? library = null;
        if (parts.Count > 0)
        {
            if (parts.Count > 1 && IsLibrary(parts[0].Name, scope))
            {
                library = parts[0].Name;
                parts.RemoveAt(0);
            }

            unitName = parts[0].Name;
            Record(new PendingChain(scope, [parts[0]]) { HeadKind = ReferenceKind.Unit, Library = library });
        }

        DeclareIdentifier(scope, label, DefinitionKind.Instance, unitName, unitName);
        foreach (var aspect in node.ChildNodes)
        {
            if (aspect.Kind is not ("generic_map_aspect" or "port_map_aspect"))
            {
                continue;
            }

            var formalKind = aspect.Kind == "generic_map_aspect" ? ReferenceKind.ParameterFormal : ReferenceKind.PortFormal;
            foreach (var association in aspect.Descendants("association_element"))
            {
                var formal = association.ChildNode("formal_part")?.ChildNode("name");
                if (formal is not null)
                {
                    var head = formal.ChildNode("identifier");
                    if (head is not null && unitName is not null)
                    {
                        Record(new PendingChain(scope, [Part(head, NameSeparator.None, out _)]) { HeadKind = formalKind, HeadQualifier = unitName, Library = library });
                    }

                    foreach (var suffix in formal.Children("name_suffix"))
                    {
                        Visit(suffix, scope, quiet);
                    }
                }

                var actual = association.ChildNode("actual_part");
                if (actual is not null)
                {
                    Visit(actual, scope, quiet);
                }
            }
        }
    }

    private void RecordUse(SyntaxNode used, BindingScope scope, bool quiet)
    {
        var parts = NameParts(used, out var fromMacro);
        if (parts.Count < 2)
        {
            return;
        }

        string? library = null;
        if (IsLibrary(parts[0].Name, scope))
        {
            library = parts[0].Name;
            parts.RemoveAt(0);
        }

        Record(new PendingChain(scope, [parts[0] with { Separator = NameSeparator.None }]) { HeadKind = ReferenceKind.Package, Library = library, Reportable = !quiet && !fromMacro });
        if (parts.Count > 1)
        {
            Record(new PendingChain(scope, [parts[1] with { Separator = NameSeparator.None }]) { HeadKind = ReferenceKind.PackageMember, HeadQualifier = parts[0].Name, Library = library, Reportable = !quiet && !fromMacro });
        }
    }

    private void RecordUnit(SyntaxNode name, BindingScope scope, ReferenceKind kind)
    {
        var parts = NameParts(name, out _);
        string? library = null;
        if (parts.Count > 1 && IsLibrary(parts[0].Name, scope))
        {
            library = parts[0].Name;
            parts.RemoveAt(0);
        }

        if (parts.Count > 0)
        {
            Record(new PendingChain(scope, [parts[0] with { Separator = NameSeparator.None }]) { HeadKind = kind, Library = library });
        }
    }

    /// <summary>A name: its prefix and `.` suffixes form one chain; calls, indices and attributes are visited on their own.</summary>
    private void VisitName(SyntaxNode name, BindingScope scope, bool quiet)
    {
        var parts = new List<NamePart>();
        var fromMacro = false;
        var alive = true;
        var identifier = name.ChildNode("identifier");
        var head = identifier ?? name.ChildNode("external_name");
        if (identifier is not null)
        {
            parts.Add(Part(identifier, NameSeparator.None, out fromMacro));
        }
        else if (head is not null)
        {
            Visit(head, scope, quiet);
            alive = false;
        }

        foreach (var suffix in name.Children("name_suffix"))
        {
            var selected = suffix.ChildNode("suffix")?.ChildNode("identifier");
            if (suffix.FirstTokenText() == ".")
            {
                if (alive && selected is not null)
                {
                    parts.Add(Part(selected, NameSeparator.Dot, out var partFromMacro));
                    fromMacro |= partFromMacro;
                }
                else
                {
                    alive = false;
                }

                continue;
            }

            var associations = suffix.ChildNode("association_list");
            if (associations is not null)
            {
                foreach (var association in associations.Children("association_element"))
                {
                    // Named arguments of a call name the callee's formals; they are not looked up here.
                    var actual = association.ChildNode("actual_part");
                    Visit(actual ?? association, scope, quiet);
                }

                continue;
            }

            // An attribute or a qualified expression: the rest is not a member chain.
            alive = false;
            foreach (var child in suffix.ChildNodes)
            {
                if (child.Kind == "aggregate")
                {
                    Visit(child, scope, quiet);
                }
            }
        }

        if (parts.Count > 0)
        {
            Record(new PendingChain(scope, parts) { Reportable = !quiet && !fromMacro && !VhdlPredefined.Contains(parts[0].Name) });
        }
    }

    private void RecordSelected(SyntaxNode selected, BindingScope scope, bool quiet, ReferenceKind kind)
    {
        var parts = NameParts(selected, out var fromMacro);
        if (parts.Count > 0)
        {
            Record(new PendingChain(scope, parts) { HeadKind = kind, Reportable = !quiet && !fromMacro && !VhdlPredefined.Contains(parts[0].Name) });
        }
    }

    private void RecordName(SyntaxNode? identifier, BindingScope scope, bool quiet)
    {
        if (identifier is not null)
        {
            Record(new PendingChain(scope, [Part(identifier, NameSeparator.None, out var fromMacro)]) { Reportable = !quiet && !fromMacro && !VhdlPredefined.Contains(NameOf(identifier)) });
        }
    }

    /// <summary>The identifiers of a selected name or the `.` chain at the start of a name (stops at a call, index or attribute).</summary>
    private static List<NamePart> NameParts(SyntaxNode node, out bool fromMacro)
    {
        fromMacro = false;
        var parts = new List<NamePart>();
        if (node.Kind == "selected_name")
        {
            foreach (var identifier in node.Children("identifier"))
            {
                parts.Add(Part(identifier, parts.Count == 0 ? NameSeparator.None : NameSeparator.Dot, out var partFromMacro));
                fromMacro |= partFromMacro;
            }

            return parts;
        }

        var head = node.ChildNode("identifier");
        if (head is null)
        {
            return parts;
        }

        parts.Add(Part(head, NameSeparator.None, out fromMacro));
        foreach (var suffix in node.Children("name_suffix"))
        {
            var selected = suffix.ChildNode("suffix")?.ChildNode("identifier");
            if (suffix.FirstTokenText() != "." || selected is null)
            {
                break;
            }

            parts.Add(Part(selected, NameSeparator.Dot, out var partFromMacro));
            fromMacro |= partFromMacro;
        }

        return parts;
    }

    private DefinitionSymbol? DeclareIdentifier(BindingScope scope, SyntaxNode? identifier, DefinitionKind kind, string? typeText, string? typeName) =>
        identifier is null ? null : Declare(scope, NameOf(identifier), kind, LocationOf(identifier, out _), typeText, typeName);

    private static NamePart Part(SyntaxNode identifier, NameSeparator separator, out bool fromMacro) =>
        new(NameOf(identifier), LocationOf(identifier, out fromMacro), separator);

    /// <summary>The type mark of a subtype indication, without library and package (`work.pkg.rec_t` → rec_t).</summary>
    private static string? TypeNameOf(SyntaxNode? subtype)
    {
        var typeMark = subtype?.ChildNode("type_mark")?.ChildNode("selected_name");
        return typeMark?.Children("identifier").LastOrDefault()?.Text;
    }
}
