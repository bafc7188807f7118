using System.Collections.Immutable;
using Hdl.Design.Model;
using Hdl.Design.Syntax;
using Hdl.Syntax;

namespace Hdl.Design.Binding;

/// <summary>
/// Binds the names of one Verilog/SystemVerilog file. Scopes: the file (`$unit`), units (module, interface, program,
/// package, class, checker, primitive), functions and tasks, begin/fork blocks, generate blocks and loops, for/foreach
/// loops, and the members of struct types. Names are case-sensitive.
/// </summary>
internal sealed class SystemVerilogBinder : FileBinder
{
    /// <summary>Names the language or the `std` package provides without a declaration.</summary>
    private static readonly HashSet<string> BuiltinNames = new(StringComparer.Ordinal)
    {
        "std", "process", "mailbox", "semaphore", "randomize", "srandom", "get_randstate", "set_randstate",
        "pre_randomize", "post_randomize", "rand_mode", "constraint_mode", "new", "this", "super",

        // SystemVerilog keywords that Verilog-2005 files use as names for formal tools (yosys reads `assert(x);`).
        "assert", "assume", "restrict", "cover", "expect",
    };

    private static readonly string[] UnitKinds =
    [
        "module_declaration", "interface_declaration", "program_declaration", "checker_declaration", "package_declaration",
        "class_declaration", "interface_class_declaration", "udp_declaration",
    ];

    private readonly CancellationToken _cancellationToken;

    private SystemVerilogBinder(CancellationToken cancellationToken)
        : base(StringComparer.Ordinal)
    {
        _cancellationToken = cancellationToken;
    }

    public static ImmutableArray<DesignUnitSymbol> Bind(SyntaxTree tree, ImmutableArray<DesignUnitSymbol> units, CancellationToken cancellationToken)
    {
        var binder = new SystemVerilogBinder(cancellationToken);
        binder.VisitChildren(tree.Root, binder.FileScope, quiet: false);
        return binder.Complete(units);
    }

    private void VisitChildren(SyntaxNode node, BindingScope scope, bool quiet, bool implicitNet = false)
    {
        foreach (var child in node.ChildNodes)
        {
            Visit(child, scope, quiet, implicitNet);
        }
    }

    private void Visit(SyntaxNode node, BindingScope scope, bool quiet, bool implicitNet = false)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        switch (node.Kind)
        {
            case var kind when Array.IndexOf(UnitKinds, kind) >= 0:
                VisitUnit(node, scope, quiet);
                break;
            case "attribute_instance" or "bind_directive" or "config_declaration" or "library_declaration" or "defparam_assignment"
                or "macro_usage" or "timeunits_declaration" or "specify_block":
                break;
            case "function_declaration" or "task_declaration":
                VisitSubprogram(node, scope, quiet);
                break;
            case "function_prototype" or "task_prototype":
                VisitPrototype(node, scope);
                break;
            case "seq_block" or "par_block":
                {
                    var label = node.ChildNode("identifier");
                    var inner = OpenScope(scope, NameOrNull(label));
                    if (label is not null)
                    {
                        SetMemberScope(Declare(scope, NameOf(label), DefinitionKind.Label, LocationOf(label, out _)), inner);
                    }

                    VisitChildrenExcept(node, inner, quiet, label);
                    break;
                }

            case "statement" or "action_pass_statement" or "assertion_item":
                {
                    var label = node.ChildNode("identifier");
                    if (label is not null)
                    {
                        Declare(scope, NameOf(label), DefinitionKind.Label, LocationOf(label, out _));
                    }

                    VisitChildrenExcept(node, scope, quiet || node.Kind == "assertion_item", label);
                    break;
                }

            case "generate_block":
                {
                    var label = node.ChildNode("identifier");
                    var inner = OpenScope(scope, NameOrNull(label));
                    if (label is not null)
                    {
                        SetMemberScope(Declare(scope, NameOf(label), DefinitionKind.GenerateBlock, LocationOf(label, out _)), inner);
                    }

                    VisitChildrenExcept(node, inner, quiet, label);
                    break;
                }

            case "loop_generate_construct" or "loop_statement":
                VisitChildren(node, OpenScope(scope, null), quiet);
                break;
            case "for_variable_declaration":
                {
                    var dataType = node.ChildNode("data_type");
                    if (dataType is not null)
                    {
                        Visit(dataType, scope, quiet);
                    }

                    DeclareIdentifier(scope, node.ChildNode("identifier"), DefinitionKind.Variable, dataType?.CompactText(), null);
                    VisitChildren(node, scope, quiet, except: ["data_type", "identifier"]);
                    break;
                }

            case "foreach_array":
                VisitForeach(node, scope, quiet);
                break;
            case "genvar_declaration":
                foreach (var identifier in node.Children("identifier"))
                {
                    DeclareIdentifier(scope, identifier, DefinitionKind.Variable, "genvar", null);
                }

                break;
            case "genvar_initialization":
                if (node.HasToken("genvar"))
                {
                    DeclareIdentifier(scope, node.ChildNode("identifier"), DefinitionKind.Variable, "genvar", null);
                }
                else
                {
                    ReferenceIdentifier(scope, node.ChildNode("identifier"), quiet);
                }

                VisitChildren(node, scope, quiet, except: ["identifier"]);
                break;
            case "genvar_iteration" or "port_reference" or "delay_value" or "cycle_delay" or "modport_simple_port" or "specify_terminal"
                or "udp_initial_statement" or "modport_port" or "clocking_decl_assign" or "default_clocking_or_disable":
                RecordDotted(node, scope, quiet);
                VisitChildren(node, scope, quiet, except: ["identifier"]);
                break;
            case "end_label":
                ReferenceIdentifier(scope, node.ChildNode("identifier"), quiet: true);
                break;
            case "local_parameter_declaration" or "parameter_declaration" or "parameter_port_declaration":
                {
                    var dataType = node.ChildNode("data_type_or_implicit") ?? node.ChildNode("data_type");
                    var isType = node.HasToken("type");
                    if (dataType is not null)
                    {
                        Visit(dataType, scope, quiet);
                    }

                    foreach (var assignment in node.Descendants("param_assignment"))
                    {
                        DeclareIdentifier(scope, assignment.ChildNode("identifier"), isType ? DefinitionKind.Type : DefinitionKind.Parameter, isType ? "type" : dataType?.CompactText(), TypeNameOf(dataType));
                        VisitChildren(assignment, scope, quiet, except: ["identifier"]);
                    }

                    break;
                }

            case "param_assignment":
                DeclareIdentifier(scope, node.ChildNode("identifier"), DefinitionKind.Parameter, null, null);
                VisitChildren(node, scope, quiet, except: ["identifier"]);
                break;
            case "specparam_assignment":
                DeclareIdentifier(scope, node.ChildNode("identifier"), DefinitionKind.Parameter, "specparam", null);
                VisitChildren(node, scope, quiet, except: ["identifier"]);
                break;
            case "net_declaration":
                VisitDeclaration(node, node.NetDataType(), "net_decl_assignment", DefinitionKind.Net, scope, quiet);
                break;
            case "data_declaration" when node.ChildNode("list_of_variable_decl_assignments") is not null:
                VisitDeclaration(node, node.ChildNode("data_type_or_implicit") ?? node.ChildNode("data_type"), "variable_decl_assignment", DefinitionKind.Variable, scope, quiet);
                break;
            case "type_declaration":
                VisitTypeDeclaration(node, scope, quiet);
                break;
            case "net_type_declaration":
                {
                    var names = node.Children("identifier").ToList();
                    if (names.Count > 0)
                    {
                        DeclareIdentifier(scope, names[0], DefinitionKind.Type, "nettype", null);
                    }

                    VisitChildren(node, scope, quiet, except: ["identifier"]);
                    break;
                }

            case "ansi_port_declaration":
                {
                    var header = node.ChildNode("ansi_port_header");
                    if (header is not null)
                    {
                        Visit(header, scope, quiet);
                    }

                    if (!node.HasToken("."))
                    {
                        DeclareIdentifier(scope, node.ChildNode("identifier"), DefinitionKind.Port, header?.CompactText(), PortTypeName(header));
                    }

                    VisitChildren(node, scope, quiet, except: ["ansi_port_header", "identifier"]);
                    break;
                }

            case "port_declaration" or "tf_port_declaration":
                {
                    var typeNode = node.ChildNode("data_type_or_implicit");
                    var typeName = TypeNameOf(typeNode);
                    var direct = node.Children("identifier").ToList();
                    if (direct.Count == 2)
                    {
                        // `bus_if.master a, b;`: the interface and its modport.
                        Record(new PendingChain(scope, [Part(direct[0], NameSeparator.None, out _), Part(direct[1], NameSeparator.Dot, out _)]) { HeadKind = ReferenceKind.Unit });
                        typeName = NameOf(direct[0]);
                    }

                    if (typeNode is not null)
                    {
                        Visit(typeNode, scope, quiet);
                    }

                    foreach (var item in node.Descendants("port_identifier_item"))
                    {
                        DeclareIdentifier(scope, item.ChildNode("identifier"), DefinitionKind.Port, typeNode?.CompactText(), typeName);
                        VisitChildren(item, scope, quiet, except: ["identifier"]);
                    }

                    break;
                }

            case "tf_port_item" or "property_port_item" or "let_port_item":
                {
                    var typeNode = node.ChildNode("data_type_or_implicit") ?? node.ChildNode("data_type") ?? node.ChildNode("property_formal_type");
                    if (typeNode is not null)
                    {
                        Visit(typeNode, scope, quiet);
                    }

                    DeclareIdentifier(scope, node.ChildNode("identifier"), DefinitionKind.Port, typeNode?.CompactText(), TypeNameOf(typeNode));
                    VisitChildren(node, scope, quiet, except: ["identifier", "data_type_or_implicit", "data_type", "property_formal_type"]);
                    break;
                }

            case "udp_port_item" or "udp_port_declaration":
                foreach (var identifier in node.Children("identifier"))
                {
                    DeclareIdentifier(scope, identifier, DefinitionKind.Port, null, null);
                }

                VisitChildren(node, scope, quiet, except: ["identifier"]);
                break;
            case "module_instantiation":
                VisitInstantiation(node, scope, quiet);
                break;
            case "gate_instantiation":
                foreach (var name in node.Descendants("name_of_instance"))
                {
                    DeclareIdentifier(scope, name.ChildNode("identifier"), DefinitionKind.Instance, null, null);
                }

                VisitChildren(node, scope, quiet, implicitNet: true);
                break;
            case "name_of_instance":
                VisitChildren(node, scope, quiet, except: ["identifier"]);
                break;
            case "net_assignment" when node.Parent?.Kind == "continuous_assign":
                {
                    var target = node.FirstChildNode();
                    foreach (var child in node.ChildNodes)
                    {
                        Visit(child, scope, quiet, implicitNet: ReferenceEquals(child, target));
                    }

                    break;
                }

            case "package_import_item":
                {
                    var names = node.Children("identifier").ToList();
                    if (names.Count > 0)
                    {
                        var parts = new List<NamePart> { Part(names[0], NameSeparator.None, out var fromMacro) };
                        Record(new PendingChain(scope, parts) { HeadKind = ReferenceKind.Package, Reportable = !quiet && !fromMacro });
                        if (names.Count > 1)
                        {
                            Record(new PendingChain(scope, [Part(names[1], NameSeparator.None, out fromMacro)]) { HeadKind = ReferenceKind.PackageMember, HeadQualifier = NameOf(names[0]), Reportable = !quiet && !fromMacro });
                        }
                    }

                    break;
                }

            case "primary":
                VisitPrimary(node, scope, quiet, implicitNet);
                break;
            case "hierarchical_identifier":
                RecordDotted(node, scope, quiet);
                VisitChildren(node, scope, quiet, except: ["identifier"]);
                break;
            case "class_type" or "parameterized_net_type":
                VisitClassType(node, scope, quiet);
                break;
            case "data_type" or "keyword_data_type" when node.HasToken("virtual"):
                {
                    var names = node.Children("identifier").ToList();
                    if (names.Count > 0)
                    {
                        var parts = new List<NamePart> { Part(names[0], NameSeparator.None, out _) };
                        if (names.Count > 1)
                        {
                            parts.Add(Part(names[1], NameSeparator.Dot, out _));
                        }

                        Record(new PendingChain(scope, parts) { HeadKind = ReferenceKind.Unit });
                    }

                    VisitChildren(node, scope, quiet, except: ["identifier"]);
                    break;
                }

            case "interface_port_header":
                {
                    var names = node.Children("identifier").ToList();
                    if (names.Count > 0 && !node.HasToken("interface"))
                    {
                        var parts = new List<NamePart> { Part(names[0], NameSeparator.None, out _) };
                        if (names.Count > 1)
                        {
                            parts.Add(Part(names[1], NameSeparator.Dot, out _));
                        }

                        Record(new PendingChain(scope, parts) { HeadKind = ReferenceKind.Unit });
                    }

                    break;
                }

            case "enum_base_type":
                ReferenceIdentifier(scope, node.ChildNode("identifier"), quiet);
                VisitChildren(node, scope, quiet, except: ["identifier"]);
                break;
            case "modport_item":
                DeclareIdentifier(scope, node.ChildNode("identifier"), DefinitionKind.Other, "modport", null);
                VisitChildren(node, scope, quiet, except: ["identifier"]);
                break;
            case "clocking_declaration" or "property_declaration" or "sequence_declaration" or "let_declaration" or "covergroup_declaration"
                or "class_constraint" or "extern_constraint_declaration" or "rs_production":
                {
                    var name = node.ChildNode("identifier");
                    var inner = OpenScope(scope, NameOrNull(name) ?? scope.Name);
                    if (name is not null)
                    {
                        DeclareIdentifier(scope, name, node.Kind == "clocking_declaration" ? DefinitionKind.Other : DefinitionKind.Function, null, null);
                    }

                    // Assertions, coverage and constraints have names of their own (sequence locals, bins, coverpoints).
                    VisitChildren(node, inner, quiet: true, except: ["identifier"]);
                    break;
                }

            case "argument" or "pattern" or "attr_spec" or "coverage_option" or "bins_or_options" or "cross_body_item" or "cover_point" or "cover_cross"
                or "named_parameter_assignment" or "use_clause" or "design_statement" or "config_rule_statement" or "liblist_clause" or "function_name"
                or "dpi_import_export" or "randsequence_statement" or "rs_production_item" or "constraint_block":
                VisitChildren(node, scope, quiet: true, except: ["identifier"]);
                if (node.Kind == "dpi_import_export")
                {
                    foreach (var prototype in node.ChildNodes)
                    {
                        if (prototype.Kind is "function_prototype" or "task_prototype")
                        {
                            VisitPrototype(prototype, scope);
                        }
                    }
                }

                break;
            case "pattern_key":
                // `'{field: value}` names struct fields whose type the pattern's context gives: bound when found, never reported.
                VisitChildren(node, scope, quiet: true);
                break;
            case "expression" when node.HasToken("tagged"):
                VisitChildren(node, scope, quiet, except: ["identifier"]);
                break;
            default:
                VisitChildren(node, scope, quiet, implicitNet);
                break;
        }
    }

    private void VisitChildren(SyntaxNode node, BindingScope scope, bool quiet, string[] except)
    {
        foreach (var child in node.ChildNodes)
        {
            if (Array.IndexOf(except, child.Kind) < 0)
            {
                Visit(child, scope, quiet);
            }
        }
    }

    private void VisitChildrenExcept(SyntaxNode node, BindingScope scope, bool quiet, SyntaxNode? skipped)
    {
        foreach (var child in node.ChildNodes)
        {
            if (!ReferenceEquals(child, skipped) && child.Kind != "identifier")
            {
                Visit(child, scope, quiet);
            }
        }
    }

    private void VisitUnit(SyntaxNode node, BindingScope scope, bool quiet)
    {
        var header = node.ChildNode("module_header") ?? node.ChildNode("interface_header") ?? node.ChildNode("program_header") ?? node;
        var name = header.ChildNode("identifier");
        if (name is null)
        {
            VisitChildren(node, scope, quiet);
            return;
        }

        var location = LocationOf(name, out _);
        var unitScope = OpenUnit(scope, NameOf(name), name.Location);
        var kind = node.Kind == "package_declaration" ? DefinitionKind.Package : DefinitionKind.Unit;
        var definition = Declare(scope, NameOf(name), kind, location, node.Kind.Replace("_declaration", string.Empty, StringComparison.Ordinal), NameOf(name), into: unitScope.Bucket);
        SetMemberScope(definition, unitScope);
        if (node.Kind is "class_declaration" or "interface_class_declaration")
        {
            unitScope.MayInherit = node.HasToken("extends") || node.HasToken("implements");
        }

        foreach (var child in header.ChildNodes)
        {
            if (!ReferenceEquals(child, name))
            {
                Visit(child, unitScope, quiet);
            }
        }

        if (!ReferenceEquals(header, node))
        {
            foreach (var child in node.ChildNodes)
            {
                if (!ReferenceEquals(child, header))
                {
                    Visit(child, unitScope, quiet);
                }
            }
        }
    }

    private void VisitSubprogram(SyntaxNode node, BindingScope scope, bool quiet)
    {
        var functionName = node.ChildNode("function_name");
        var returnType = node.ChildNode("function_return_type");
        if (returnType is not null)
        {
            Visit(returnType, scope, quiet);
        }

        var identifiers = functionName?.Children("identifier").ToList() ?? [];
        var kind = node.Kind == "task_declaration" ? DefinitionKind.Task : DefinitionKind.Function;
        BindingScope inner;
        if (identifiers.Count == 1)
        {
            var definition = DeclareIdentifier(scope, identifiers[0], kind, returnType?.CompactText(), null);
            inner = OpenScope(scope, NameOf(identifiers[0]));
            if (definition is not null)
            {
                SetMemberScope(definition, inner);
            }
        }
        else
        {
            // `function cls::name` (an out-of-block method): its body sees the class, which binding does not join here.
            inner = OpenScope(scope, functionName?.CompactText());
            inner.MayInherit = true;
        }

        foreach (var child in node.ChildNodes)
        {
            if (child.Kind is not ("function_name" or "function_return_type"))
            {
                Visit(child, inner, quiet);
            }
        }
    }

    private void VisitPrototype(SyntaxNode node, BindingScope scope)
    {
        var functionName = node.ChildNode("function_name");
        var identifiers = functionName?.Children("identifier").ToList() ?? [];
        if (identifiers.Count == 1)
        {
            DeclareIdentifier(scope, identifiers[0], node.Kind == "task_prototype" ? DefinitionKind.Task : DefinitionKind.Function, null, null);
        }

        var returnType = node.ChildNode("function_return_type");
        if (returnType is not null)
        {
            Visit(returnType, scope, quiet: true);
        }

        var ports = node.ChildNode("tf_port_list");
        if (ports is not null)
        {
            Visit(ports, OpenScope(scope, functionName?.CompactText()), quiet: true);
        }
    }

    private void VisitForeach(SyntaxNode node, BindingScope scope, bool quiet)
    {
        var parts = new List<NamePart>();
        var fromMacro = false;
        foreach (var child in node.Children)
        {
            if (child.IsToken)
            {
                continue;
            }

            var childNode = child.Node!;
            if (childNode.Kind == "identifier")
            {
                parts.Add(Part(childNode, parts.Count == 0 ? NameSeparator.None : NameSeparator.Dot, out var partFromMacro));
                fromMacro |= partFromMacro;
            }
            else if (childNode.Kind == "loop_variables")
            {
                foreach (var variable in childNode.Children("expression"))
                {
                    var identifier = variable.FirstDescendant("identifier");
                    if (identifier is not null && variable.Text.Trim() == NameOf(identifier))
                    {
                        DeclareIdentifier(scope, identifier, DefinitionKind.Variable, "int", null);
                    }
                }
            }
            else
            {
                Visit(childNode, scope, quiet);
            }
        }

        Record(new PendingChain(scope, parts) { Reportable = !quiet && !fromMacro });
    }

    private void VisitDeclaration(SyntaxNode declaration, SyntaxNode? typeNode, string assignmentKind, DefinitionKind kind, BindingScope scope, bool quiet)
    {
        var anonymous = typeNode is null ? null : VisitDataType(typeNode, scope, quiet, typeKey: null);
        var typeName = TypeNameOf(typeNode);
        foreach (var child in declaration.ChildNodes)
        {
            if (ReferenceEquals(child, typeNode))
            {
                continue;
            }

            IEnumerable<SyntaxNode> assignments = child.Kind == assignmentKind ? [child] : child.Children(assignmentKind);
            foreach (var assignment in assignments)
            {
                var definition = DeclareIdentifier(scope, assignment.ChildNode("identifier"), kind, typeNode?.CompactText(), typeName);
                if (definition is not null && anonymous is not null)
                {
                    SetMemberScope(definition, anonymous);
                }

                VisitChildren(assignment, scope, quiet, except: ["identifier"]);
            }

            if (child.Kind != assignmentKind && child.Kind != "list_of_variable_decl_assignments" && child.Kind != "list_of_net_decl_assignments")
            {
                Visit(child, scope, quiet);
            }
        }
    }

    private void VisitTypeDeclaration(SyntaxNode node, BindingScope scope, bool quiet)
    {
        var names = node.Children("identifier").ToList();
        var dataType = node.ChildNode("data_type");
        if (names.Count == 0)
        {
            return;
        }

        if (dataType is null)
        {
            // `typedef class c;` (forward) or `typedef if_t.T t;`: the last name is the one declared.
            if (names.Count == 1)
            {
                DeclareIdentifier(scope, names[0], DefinitionKind.Type, null, null);
            }
            else
            {
                DeclareIdentifier(scope, names[^1], DefinitionKind.Type, null, null);
            }

            return;
        }

        var name = names[^1];
        var members = VisitDataType(dataType, scope, quiet, typeKey: NameOf(name));
        var definition = DeclareIdentifier(scope, name, DefinitionKind.Type, dataType.CompactText(), TypeNameOf(dataType));
        if (definition is not null && members is not null)
        {
            SetMemberScope(definition, members);
        }

        VisitChildren(node, scope, quiet, except: ["identifier", "data_type"]);
    }

    /// <summary>Visits a data type; for a struct/union returns the scope holding its fields, and declares enum members in <paramref name="scope"/>.</summary>
    private BindingScope? VisitDataType(SyntaxNode typeNode, BindingScope scope, bool quiet, string? typeKey)
    {
        var dataType = typeNode.Kind is "data_type" or "keyword_data_type" ? typeNode : typeNode.ChildNode("data_type") ?? typeNode.ChildNode("keyword_data_type");
        if (dataType is null)
        {
            Visit(typeNode, scope, quiet);
            return null;
        }

        if (dataType.HasToken("enum"))
        {
            foreach (var child in dataType.ChildNodes)
            {
                if (child.Kind == "enum_name_declaration")
                {
                    DeclareIdentifier(scope, child.ChildNode("identifier"), DefinitionKind.EnumMember, typeKey, typeKey);
                    VisitChildren(child, scope, quiet, except: ["identifier"]);
                }
                else
                {
                    Visit(child, scope, quiet);
                }
            }

            return null;
        }

        var structUnion = dataType.ChildNode("struct_union");
        if (structUnion is null)
        {
            Visit(dataType, scope, quiet);
            return null;
        }

        var key = typeKey ?? $"struct@{typeNode.Location.Start}";
        var members = OpenScope(scope, key);
        foreach (var member in dataType.ChildNodes)
        {
            if (member.Kind != "struct_union_member")
            {
                Visit(member, scope, quiet);
                continue;
            }

            var memberType = member.ChildNode("data_type_or_void");
            var nested = memberType is null ? null : VisitDataType(memberType, scope, quiet, typeKey: null);
            var list = member.ChildNode("list_of_variable_decl_assignments");
            foreach (var assignment in list?.Children("variable_decl_assignment") ?? [])
            {
                var identifier = assignment.ChildNode("identifier");
                if (identifier is not null)
                {
                    var field = Declare(members, NameOf(identifier), DefinitionKind.Field, LocationOf(identifier, out _), memberType?.CompactText(), TypeNameOf(memberType), key);
                    if (nested is not null)
                    {
                        SetMemberScope(field, nested);
                    }
                }

                VisitChildren(assignment, scope, quiet, except: ["identifier"]);
            }
        }

        return members;
    }

    private void VisitInstantiation(SyntaxNode node, BindingScope scope, bool quiet)
    {
        var unitName = node.ChildNode("identifier");
        if (unitName is null)
        {
            VisitChildren(node, scope, quiet);
            return;
        }

        Record(new PendingChain(scope, [Part(unitName, NameSeparator.None, out _)]) { HeadKind = ReferenceKind.Unit });
        foreach (var child in node.ChildNodes)
        {
            if (child.Kind == "parameter_value_assignment")
            {
                VisitParameterOverrides(child, NameOf(unitName), scope, quiet);
            }
            else if (child.Kind == "hierarchical_instance")
            {
                var instanceName = child.ChildNode("name_of_instance");
                if (instanceName is not null)
                {
                    DeclareIdentifier(scope, instanceName.ChildNode("identifier"), DefinitionKind.Instance, NameOf(unitName), NameOf(unitName));
                    Visit(instanceName, scope, quiet);
                }

                foreach (var connection in child.Descendants("port_connection"))
                {
                    var named = connection.ChildNode("named_port_connection");
                    if (named is null)
                    {
                        VisitChildren(connection, scope, quiet, implicitNet: true);
                        continue;
                    }

                    var formal = named.ChildNode("identifier");
                    if (formal is null)
                    {
                        if (named.HasToken(".*"))
                        {
                            var wildcard = named.ChildTokens().First(token => token.Text == ".*");
                            var location = wildcard.IsInMainFile || wildcard.Expansion is null ? wildcard.Location : named.Location;
                            Record(new PendingChain(scope, [new NamePart("*", location, NameSeparator.None)]) { HeadKind = ReferenceKind.PortFormal, HeadQualifier = NameOf(unitName), IsWildcard = true });
                        }

                        continue;
                    }

                    var hasActual = named.HasToken("(");
                    Record(new PendingChain(scope, [Part(formal, NameSeparator.None, out var fromMacro)])
                    {
                        HeadKind = ReferenceKind.PortFormal,
                        HeadQualifier = NameOf(unitName),
                        AlsoLocal = !hasActual,
                        ImplicitNet = !hasActual,
                        Reportable = !quiet && !fromMacro,
                    });
                    VisitChildren(named, scope, quiet, implicitNet: true);
                }
            }
            else if (child.Kind != "identifier")
            {
                Visit(child, scope, quiet);
            }
        }
    }

    private void VisitParameterOverrides(SyntaxNode node, string unitName, BindingScope scope, bool quiet)
    {
        foreach (var assignment in node.Children("parameter_assignment"))
        {
            var formal = assignment.ChildNode("identifier");
            if (formal is not null && assignment.HasToken("."))
            {
                Record(new PendingChain(scope, [Part(formal, NameSeparator.None, out _)]) { HeadKind = ReferenceKind.ParameterFormal, HeadQualifier = unitName });
            }

            VisitChildren(assignment, scope, quiet, except: ["identifier"]);
        }

        VisitChildren(node, scope, quiet, except: ["parameter_assignment"]);
    }

    private void VisitClassType(SyntaxNode node, BindingScope scope, bool quiet)
    {
        var parts = new List<NamePart>();
        var fromMacro = false;
        var unitScoped = node.HasToken("$unit");
        if (node.HasToken("local"))
        {
            VisitChildren(node, scope, quiet, except: ["identifier"]);
            return;
        }

        foreach (var child in node.ChildNodes)
        {
            if (child.Kind == "identifier")
            {
                parts.Add(Part(child, parts.Count == 0 ? NameSeparator.None : NameSeparator.Scope, out var partFromMacro));
                fromMacro |= partFromMacro;
            }
            else if (child.Kind == "parameter_value_assignment" && parts.Count > 0)
            {
                VisitParameterOverrides(child, parts[^1].Name, scope, quiet);
            }
            else
            {
                Visit(child, scope, quiet);
            }
        }

        if (parts.Count == 0)
        {
            return;
        }

        var reportable = !quiet && !fromMacro && !IsBuiltin(parts[0].Name);
        if (unitScoped)
        {
            Record(new PendingChain(FileScope, parts) { Reportable = reportable });
            return;
        }

        Record(new PendingChain(scope, parts) { Reportable = reportable });
    }

    /// <summary>A postfix chain `a.b[i].c`, `p::x`, `f(args)`: one pending chain for the names, the rest visited.</summary>
    private void VisitPrimary(SyntaxNode primary, BindingScope scope, bool quiet, bool implicitNet)
    {
        var operations = new List<SyntaxNode>();
        var head = primary;
        while (head.ChildNodes.Count > 0 && head.ChildNodes[0].Kind == "primary")
        {
            operations.Add(head);
            head = head.ChildNodes[0];
        }

        operations.Reverse();
        var parts = new List<NamePart>();
        var fromMacro = false;
        var chainScope = scope;
        var identifier = head.ChildNode("identifier");
        if (identifier is not null && head.ChildNodes.Count == 1 && !head.HasToken("local"))
        {
            parts.Add(Part(identifier, NameSeparator.None, out fromMacro));
        }
        else if (head.HasToken("$unit") && operations.Count > 0 && operations[0].HasToken("::"))
        {
            chainScope = FileScope;
        }
        else
        {
            VisitChildren(head, scope, quiet);
        }

        var alive = parts.Count > 0 || !ReferenceEquals(chainScope, scope);
        foreach (var operation in operations)
        {
            var member = operation.ChildNode("member_name")?.ChildNode("identifier");
            if (operation.HasToken(".") || operation.HasToken("::"))
            {
                if (alive && member is not null)
                {
                    parts.Add(Part(member, parts.Count == 0 ? NameSeparator.None : operation.HasToken("::") ? NameSeparator.Scope : NameSeparator.Dot, out var partFromMacro));
                    fromMacro |= partFromMacro;
                }
                else
                {
                    alive = false;
                }

                continue;
            }

            if (operation.HasToken("#") && parts.Count > 0)
            {
                VisitParameterOverrides(operation, parts[^1].Name, scope, quiet);
                continue;
            }

            if (!operation.HasToken("["))
            {
                // A call or anything else ends the chain: members of a call's result need its return type.
                alive = false;
            }

            for (var index = 1; index < operation.ChildNodes.Count; index++)
            {
                Visit(operation.ChildNodes[index], scope, quiet);
            }
        }

        if (parts.Count > 0)
        {
            Record(new PendingChain(chainScope, parts)
            {
                Reportable = !quiet && !fromMacro && !IsBuiltin(parts[0].Name),
                ImplicitNet = implicitNet && operations.Count == 0,
            });
        }
    }

    /// <summary>Records `a`, `a.b.c` from an identifier list separated by dots (hierarchical identifiers and the like).</summary>
    private void RecordDotted(SyntaxNode node, BindingScope scope, bool quiet)
    {
        var parts = new List<NamePart>();
        var fromMacro = false;
        foreach (var identifier in node.Children("identifier"))
        {
            parts.Add(Part(identifier, parts.Count == 0 ? NameSeparator.None : NameSeparator.Dot, out var partFromMacro));
            fromMacro |= partFromMacro;
        }

        var reportable = !quiet && !fromMacro && node.Kind is not ("modport_port" or "specify_terminal" or "default_clocking_or_disable");
        Record(new PendingChain(scope, parts) { Reportable = reportable && parts.Count > 0 && !IsBuiltin(parts[0].Name) });
    }

    private void ReferenceIdentifier(BindingScope scope, SyntaxNode? identifier, bool quiet)
    {
        if (identifier is not null)
        {
            Record(new PendingChain(scope, [Part(identifier, NameSeparator.None, out var fromMacro)]) { Reportable = !quiet && !fromMacro && !IsBuiltin(NameOf(identifier)) });
        }
    }

    private DefinitionSymbol? DeclareIdentifier(BindingScope scope, SyntaxNode? identifier, DefinitionKind kind, string? typeText, string? typeName) =>
        identifier is null ? null : Declare(scope, NameOf(identifier), kind, LocationOf(identifier, out _), typeText, typeName);

    private static NamePart Part(SyntaxNode identifier, NameSeparator separator, out bool fromMacro) =>
        new(NameOf(identifier), LocationOf(identifier, out fromMacro), separator);

    private static bool IsBuiltin(string name) =>
        BuiltinNames.Contains(name) || name.StartsWith("uvm_", StringComparison.Ordinal) || name.StartsWith("UVM_", StringComparison.Ordinal);

    /// <summary>The named type a declaration uses (`cfg_t`, `pkg::cfg_t`), so `.` after the declared name finds its members.</summary>
    private static string? TypeNameOf(SyntaxNode? typeNode)
    {
        var classType = typeNode?.Kind is "class_type" or "parameterized_net_type" ? typeNode : typeNode?.FirstDescendant("class_type");
        if (classType is null || typeNode!.FirstDescendant("struct_union") is not null)
        {
            return null;
        }

        var names = classType.Children("identifier").Select(identifier => NameOf(identifier)).ToList();
        return names.Count == 0 ? null : string.Join("::", names);
    }

    private static string? PortTypeName(SyntaxNode? header)
    {
        var interfaceHeader = header?.ChildNode("interface_port_header");
        if (interfaceHeader is not null)
        {
            return interfaceHeader.ChildNode("identifier")?.Text;
        }

        return TypeNameOf(header);
    }
}
