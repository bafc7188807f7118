using System.Collections.Immutable;
using Hdl.Design.Model;
using Hdl.Design.Syntax;
using Hdl.Syntax;

namespace Hdl.Design.Verilog;

/// <summary>
/// Builds the design model of one Verilog/SystemVerilog file by walking its tree by rule name. Every unit
/// (nested ones too) becomes a <see cref="DesignUnitSymbol"/>; items inside generate blocks name their scope.
/// </summary>
internal sealed class SystemVerilogModelBuilder
{
    private static readonly string[] NestedUnitKinds =
    [
        "module_declaration", "interface_declaration", "program_declaration", "package_declaration",
        "class_declaration", "interface_class_declaration", "checker_declaration", "udp_declaration", "config_declaration",
        "function_declaration", "task_declaration",
    ];

    private readonly SyntaxTree _tree;
    private readonly DocumentationIndex _documentation;
    private readonly CancellationToken _cancellationToken;
    private readonly List<DesignUnitSymbol> _units = [];

    private SystemVerilogModelBuilder(SyntaxTree tree, CancellationToken cancellationToken)
    {
        _tree = tree;
        _documentation = new DocumentationIndex(tree);
        _cancellationToken = cancellationToken;
    }

    public static ImmutableArray<DesignUnitSymbol> Build(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var builder = new SystemVerilogModelBuilder(tree, cancellationToken);
        // Items outside any unit (the compilation-unit scope, $unit) are gathered but only kept when they declare something.
        var unitScope = new UnitBuilder(DesignUnitKind.Package, "$unit", tree.Root.Location, tree.Root.Location);
        foreach (var description in tree.Root.ChildNodes)
        {
            builder.VisitItem(description, unitScope, scope: null);
        }

        if (unitScope.HasContent)
        {
            builder._units.Insert(0, unitScope.ToSymbol(tree.Language));
        }

        return [.. builder._units];
    }

    // ---------------------------------------------------------------------------------------------
    // Items

    private void VisitItems(IEnumerable<SyntaxNode> items, UnitBuilder unit, string? scope)
    {
        foreach (var item in items)
        {
            VisitItem(item, unit, scope);
        }
    }

    private void VisitItem(SyntaxNode node, UnitBuilder unit, string? scope)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        switch (node.Kind)
        {
            case "description" or "module_item" or "module_item_declaration" or "class_item" or "generate_region" or "class_property" or "class_method" or "package_or_generate_item_declaration":
                foreach (var child in node.ChildNodes)
                {
                    VisitItem(child, unit, scope);
                }

                break;
            case "module_declaration":
                VisitDesignElement(node, DesignUnitKind.Module, node.ChildNode("module_header"));
                break;
            case "interface_declaration":
                VisitDesignElement(node, DesignUnitKind.Interface, node.ChildNode("interface_header"));
                break;
            case "program_declaration":
                VisitDesignElement(node, DesignUnitKind.Program, node.ChildNode("program_header"));
                break;
            case "checker_declaration":
                VisitDesignElement(node, DesignUnitKind.Checker, node);
                break;
            case "package_declaration":
                VisitDesignElement(node, DesignUnitKind.Package, node);
                break;
            case "class_declaration" or "interface_class_declaration":
                VisitDesignElement(node, DesignUnitKind.Class, node);
                break;
            case "udp_declaration":
                VisitDesignElement(node, DesignUnitKind.Primitive, node);
                break;
            case "config_declaration":
                VisitDesignElement(node, DesignUnitKind.Config, node);
                break;
            case "port_declaration":
                AddNonAnsiPortDeclaration(node, unit);
                break;
            case "parameter_declaration" or "local_parameter_declaration":
                AddParameters(node, unit, isLocal: node.Kind == "local_parameter_declaration");
                break;
            case "net_declaration":
                AddNetDeclaration(node, unit, scope);
                break;
            case "data_declaration":
                AddDataDeclaration(node, unit, scope);
                break;
            case "genvar_declaration":
                foreach (var identifier in node.Children("identifier"))
                {
                    unit.Declarations.Add(new DeclarationSymbol(DeclarationKind.Genvar, identifier.Text, new TypeSymbol("genvar"), identifier.Location) { Scope = scope });
                }

                break;
            case "modport_declaration":
                foreach (var modport in node.Children("modport_item"))
                {
                    var name = modport.ChildNode("identifier");
                    if (name is not null)
                    {
                        unit.Declarations.Add(new DeclarationSymbol(DeclarationKind.Modport, name.Text, new TypeSymbol("modport"), name.Location)
                        {
                            Members = [.. modport.Descendants("identifier").Skip(1).Select(id => id.Text)],
                            Scope = scope,
                        });
                    }
                }

                break;
            case "module_instantiation":
                AddInstances(node, unit, scope);
                break;
            case "gate_instantiation":
                AddGateInstances(node, unit, scope);
                break;
            case "continuous_assign":
                foreach (var assignment in node.Children("net_assignment"))
                {
                    unit.ContinuousAssignments.Add(BuildAssignment(assignment, isBlocking: true, [], scope));
                }

                break;
            case "always_construct" or "initial_construct" or "final_construct":
                unit.Processes.Add(BuildProcess(node, scope));
                break;
            case "function_declaration" or "task_declaration":
                unit.Subprograms.Add(BuildSubprogram(node));
                break;
            case "loop_generate_construct" or "conditional_generate_construct":
                VisitGenerate(node, unit, scope);
                break;
            case "package_import_declaration":
                AddImports(node, unit);
                break;
            default:
                break;
        }
    }

    private void VisitDesignElement(SyntaxNode node, DesignUnitKind kind, SyntaxNode? header)
    {
        header ??= node;
        var name = header.ChildNode("identifier") ?? FindName(header);
        if (name is null)
        {
            return;
        }

        var unit = new UnitBuilder(kind, name.Text, name.Location, node.Location)
        {
            Documentation = _documentation.Above(node.Span),
        };

        if (kind is DesignUnitKind.Class)
        {
            var extends = node.ChildNode("class_type");
            if (extends is not null && node.HasToken("extends"))
            {
                unit.Owner = extends.CompactText();
            }
        }

        foreach (var import in header.Children("package_import_declaration"))
        {
            AddImports(import, unit);
        }

        var parameterList = header.ChildNode("parameter_port_list");
        if (parameterList is not null)
        {
            unit.HasParameterPortList = true;
            AddParameterPorts(parameterList, unit);
        }

        var portList = header.ChildNode("module_port_list");
        if (portList is not null)
        {
            AddHeaderPorts(portList, unit);
        }

        if (kind is DesignUnitKind.Primitive)
        {
            foreach (var port in node.Children("udp_port_item"))
            {
                var portName = port.ChildNode("identifier");
                if (portName is not null)
                {
                    unit.Ports.Add(new PortSymbol(portName.Text, port.HasToken("output") ? PortDirection.Out : PortDirection.In, TypeSymbol.Implicit, portName.Location));
                }
            }

            foreach (var declaration in node.Children("udp_port_declaration"))
            {
                foreach (var identifier in declaration.Descendants("identifier"))
                {
                    unit.SetPortDirection(identifier.Text, declaration.FirstTokenText() == "output" ? PortDirection.Out : PortDirection.In, TypeSymbol.Implicit);
                }
            }
        }

        foreach (var child in node.ChildNodes)
        {
            if (child.Kind is "module_item" or "class_item" or "checker_or_generate_item")
            {
                VisitItem(child, unit, scope: null);
            }
        }

        _units.Add(unit.ToSymbol(_tree.Language));
    }

    private static SyntaxNode? FindName(SyntaxNode header)
    {
        foreach (var child in header.ChildNodes)
        {
            if (child.Kind == "identifier")
            {
                return child;
            }
        }

        return null;
    }

    // ---------------------------------------------------------------------------------------------
    // Ports and parameters

    private void AddParameterPorts(SyntaxNode parameterList, UnitBuilder unit)
    {
        // An entry without a keyword continues the previous one: `#(parameter A = 1, B = 2)`.
        var isLocal = false;
        var isType = false;
        TypeSymbol type = TypeSymbol.Implicit;
        foreach (var declaration in parameterList.Children("parameter_port_declaration"))
        {
            var keyword = declaration.FirstTokenText();
            if (keyword is "parameter" or "localparam")
            {
                isLocal = keyword == "localparam";
                isType = declaration.HasToken("type");
                type = TypeOf(declaration);
            }
            else if (keyword == "type")
            {
                isType = true;
                type = TypeSymbol.Implicit;
            }
            else if (declaration.ChildNode("data_type") is { } dataType)
            {
                isType = false;
                type = TypeOf(dataType);
            }

            foreach (var assignment in declaration.Children("param_assignment"))
            {
                unit.Parameters.Add(BuildParameter(assignment, type, isLocal, isType));
            }
        }
    }

    private void AddParameters(SyntaxNode declaration, UnitBuilder unit, bool isLocal)
    {
        // Nothing can override a body parameter of a unit with a parameter port list, or of a package (6.20.1, 26.2).
        isLocal |= unit.HasParameterPortList || unit.Kind == DesignUnitKind.Package;
        var isType = declaration.HasToken("type");
        var type = TypeOf(declaration);
        foreach (var assignment in declaration.Descendants("param_assignment"))
        {
            unit.Parameters.Add(BuildParameter(assignment, type, isLocal, isType));
        }
    }

    private ParameterSymbol BuildParameter(SyntaxNode assignment, TypeSymbol type, bool isLocal, bool isType)
    {
        var name = assignment.ChildNode("identifier")!;
        var value = assignment.ChildNode("param_expression");
        return new ParameterSymbol(name.Text, type, value?.CompactText(), name.Location)
        {
            IsLocal = isLocal,
            IsType = isType,
        };
    }

    private void AddHeaderPorts(SyntaxNode portList, UnitBuilder unit)
    {
        var declarations = portList.ChildNode("list_of_port_declarations");
        if (declarations is not null)
        {
            // ANSI: a port without a header inherits the previous port's direction and type.
            var direction = PortDirection.InOut;
            var type = TypeSymbol.Implicit;
            foreach (var port in declarations.Children("ansi_port_declaration"))
            {
                var name = port.ChildNode("identifier");
                var header = port.ChildNode("ansi_port_header");
                if (header is not null)
                {
                    (direction, type) = ReadPortHeader(header);
                }
                else if (port.ChildNode("port_direction") is { } explicitDirection)
                {
                    direction = DirectionOf(explicitDirection.Text);
                }

                if (name is not null)
                {
                    var unpacked = port.Children("variable_dimension").Select(d => d.CompactText()).ToImmutableArray();
                    unit.Ports.Add(new PortSymbol(name.Text, direction, unpacked.IsEmpty ? type : type with { UnpackedDimensions = unpacked }, name.Location)
                    {
                        Documentation = _documentation.For(port.Span),
                    });
                }
            }

            return;
        }

        var ports = portList.ChildNode("list_of_ports");
        if (ports is null)
        {
            return;
        }

        // Non-ANSI: the header names the ports; their declarations in the body give direction and type.
        foreach (var port in ports.Children("port"))
        {
            var name = port.HasToken(".") ? port.ChildNode("identifier") : port.FirstDescendant("identifier");
            if (name is not null)
            {
                unit.Ports.Add(new PortSymbol(name.Text, PortDirection.InOut, TypeSymbol.Implicit, name.Location));
            }
        }
    }

    private (PortDirection Direction, TypeSymbol Type) ReadPortHeader(SyntaxNode header)
    {
        var interfaceHeader = header.ChildNode("interface_port_header");
        if (interfaceHeader is not null)
        {
            return (PortDirection.Interface, new TypeSymbol(interfaceHeader.CompactText()));
        }

        var direction = header.ChildNode("port_direction") is { } directionNode ? DirectionOf(directionNode.Text) : PortDirection.InOut;
        return (direction, TypeOf(header));
    }

    private void AddNonAnsiPortDeclaration(SyntaxNode declaration, UnitBuilder unit)
    {
        var directionNode = declaration.ChildNode("port_direction");
        var direction = directionNode is null ? PortDirection.Interface : DirectionOf(directionNode.Text);
        var type = directionNode is null
            ? new TypeSymbol(string.Join('.', declaration.Children("identifier").Take(2).Select(id => id.Text)))
            : TypeOf(declaration);
        var identifiers = declaration.ChildNode("list_of_port_identifiers");
        if (identifiers is null)
        {
            return;
        }

        foreach (var item in identifiers.Children("port_identifier_item"))
        {
            var name = item.ChildNode("identifier");
            if (name is not null && !unit.SetPortDirection(name.Text, direction, type))
            {
                unit.Ports.Add(new PortSymbol(name.Text, direction, type, name.Location) { Documentation = _documentation.For(declaration.Span) });
            }
        }
    }

    private static PortDirection DirectionOf(string keyword) => keyword switch
    {
        "input" => PortDirection.In,
        "output" => PortDirection.Out,
        "ref" => PortDirection.Ref,
        _ => PortDirection.InOut,
    };

    /// <summary>The declared type of a declaration node: its data type (or implicit type) and packed dimensions.</summary>
    private static TypeSymbol TypeOf(SyntaxNode declaration) =>
        TypeOf(declaration, declaration.ChildNode("data_type_or_implicit") ?? declaration.ChildNode("data_type") ?? declaration.ChildNode("implicit_data_type"));

    private static TypeSymbol TypeOf(SyntaxNode declaration, SyntaxNode? dataType)
    {
        var netType = declaration.ChildNode("net_type");
        var text = string.Join(' ', new[] { netType?.Text, dataType?.CompactText() }.Where(part => !string.IsNullOrEmpty(part)));
        if (dataType is null)
        {
            return new TypeSymbol(text);
        }

        var packed = dataType.Descendants("packed_dimension", "struct_union_member", "enum_name_declaration").Select(d => d.CompactText()).ToImmutableArray();
        return new TypeSymbol(text) { PackedDimensions = packed };
    }

    // ---------------------------------------------------------------------------------------------
    // Declarations

    private void AddNetDeclaration(SyntaxNode declaration, UnitBuilder unit, string? scope)
    {
        var type = TypeOf(declaration, declaration.NetDataType());
        foreach (var assignment in declaration.Descendants("net_decl_assignment"))
        {
            var name = assignment.ChildNode("identifier");
            if (name is null)
            {
                continue;
            }

            unit.Declarations.Add(new DeclarationSymbol(DeclarationKind.Net, name.Text, WithUnpacked(type, assignment, "unpacked_dimension"), name.Location)
            {
                Scope = scope,
                InitialValue = assignment.ChildNode("expression")?.CompactText(),
                Documentation = _documentation.For(declaration.Span),
            });
            var initial = assignment.ChildNode("expression");
            if (initial is not null)
            {
                // `wire w = a & b;` is a continuous assignment too.
                unit.ContinuousAssignments.Add(new AssignmentSymbol([new SignalUse(name.Text, null, name.Location)], assignment.Location)
                {
                    DataReads = SignalReads.Collect(initial),
                    IsBlocking = true,
                    Scope = scope,
                });
            }
        }
    }

    private void AddDataDeclaration(SyntaxNode declaration, UnitBuilder unit, string? scope)
    {
        var typeDeclaration = declaration.ChildNode("type_declaration");
        if (typeDeclaration is not null)
        {
            AddTypeDeclaration(typeDeclaration, unit, scope);
            return;
        }

        var import = declaration.ChildNode("package_import_declaration");
        if (import is not null)
        {
            AddImports(import, unit);
            return;
        }

        var assignments = declaration.ChildNode("list_of_variable_decl_assignments");
        if (assignments is null)
        {
            return;
        }

        var type = TypeOf(declaration);
        var isConstant = declaration.HasToken("const");
        var dataType = declaration.ChildNode("data_type");
        foreach (var assignment in assignments.Children("variable_decl_assignment"))
        {
            var name = assignment.ChildNode("identifier");
            if (name is null)
            {
                continue;
            }

            var kind = isConstant ? DeclarationKind.Constant : DeclarationKind.Variable;
            unit.Declarations.Add(new DeclarationSymbol(kind, name.Text, WithUnpacked(type, assignment, "variable_dimension"), name.Location)
            {
                Scope = scope,
                InitialValue = assignment.ChildNode("expression")?.CompactText(),
                Documentation = _documentation.For(declaration.Span),
                Members = MembersOf(dataType),
            });
        }
    }

    private void AddTypeDeclaration(SyntaxNode typedef, UnitBuilder unit, string? scope)
    {
        var dataType = typedef.ChildNode("data_type");
        var names = typedef.Children("identifier").ToList();
        if (names.Count == 0)
        {
            return;
        }

        var name = names[^1];
        var kind = DeclarationKind.Type;
        if (dataType is not null && dataType.HasToken("enum"))
        {
            kind = DeclarationKind.Enum;
        }
        else if (dataType?.ChildNode("struct_union") is not null)
        {
            kind = DeclarationKind.Struct;
        }

        var members = MembersOf(dataType);
        unit.Declarations.Add(new DeclarationSymbol(kind, name.Text, dataType is null ? TypeSymbol.Implicit : TypeOf(typedef), name.Location)
        {
            Scope = scope,
            Members = members,
            Documentation = _documentation.For(typedef.Span),
        });

        if (kind == DeclarationKind.Enum && dataType is not null)
        {
            foreach (var member in dataType.Children("enum_name_declaration"))
            {
                var memberName = member.ChildNode("identifier");
                if (memberName is not null)
                {
                    unit.Declarations.Add(new DeclarationSymbol(DeclarationKind.EnumMember, memberName.Text, new TypeSymbol(name.Text), memberName.Location)
                    {
                        Scope = scope,
                        InitialValue = member.ChildNode("expression")?.CompactText(),
                        Documentation = _documentation.SameLineAfter(member.Span),
                    });
                }
            }
        }
    }

    /// <summary>Enum member names or struct/union field names of an inline type.</summary>
    private static ImmutableArray<string> MembersOf(SyntaxNode? dataType)
    {
        if (dataType is null)
        {
            return [];
        }

        if (dataType.HasToken("enum"))
        {
            return [.. dataType.Children("enum_name_declaration").Select(member => member.ChildNode("identifier")?.Text ?? string.Empty)];
        }

        if (dataType.ChildNode("struct_union") is not null)
        {
            return [.. dataType.Children("struct_union_member")
                .SelectMany(member => member.Descendants("variable_decl_assignment"))
                .Select(field => field.ChildNode("identifier")?.Text ?? string.Empty)];
        }

        return [];
    }

    private static TypeSymbol WithUnpacked(TypeSymbol type, SyntaxNode assignment, string dimensionKind)
    {
        var unpacked = assignment.Children(dimensionKind).Select(d => d.CompactText()).ToImmutableArray();
        return unpacked.IsEmpty ? type : type with { UnpackedDimensions = unpacked };
    }

    private static void AddImports(SyntaxNode import, UnitBuilder unit)
    {
        foreach (var item in import.Children("package_import_item"))
        {
            var parts = item.Children("identifier").ToList();
            if (parts.Count == 0)
            {
                continue;
            }

            unit.Imports.Add(new ImportSymbol(parts[0].Text, parts.Count > 1 ? parts[1].Text : null, item.Location));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Instances

    private void AddInstances(SyntaxNode instantiation, UnitBuilder unit, string? scope)
    {
        var unitName = instantiation.ChildNode("identifier");
        if (unitName is null)
        {
            return;
        }

        var parameters = ImmutableArray<ConnectionSymbol>.Empty;
        var parameterAssignment = instantiation.ChildNode("parameter_value_assignment");
        if (parameterAssignment is not null)
        {
            parameters = [.. parameterAssignment.Children("parameter_assignment").Select((assignment, index) =>
            {
                var formal = assignment.ChildNode("identifier");
                var value = assignment.ChildNode("param_expression");
                return new ConnectionSymbol(formal?.Text, index, value?.CompactText(), assignment.Location);
            })];
        }

        foreach (var instance in instantiation.Children("hierarchical_instance"))
        {
            var nameOfInstance = instance.ChildNode("name_of_instance");
            var name = nameOfInstance?.ChildNode("identifier");
            if (name is null)
            {
                continue;
            }

            var ports = ImmutableArray.CreateBuilder<ConnectionSymbol>();
            var wildcard = false;
            var position = 0;
            foreach (var connection in instance.Children("port_connection"))
            {
                var named = connection.ChildNode("named_port_connection");
                if (named is not null)
                {
                    if (named.HasToken(".*"))
                    {
                        wildcard = true;
                        continue;
                    }

                    var formal = named.ChildNode("identifier");
                    var actual = named.ChildNode("expression");
                    var implicitConnection = !named.HasToken("(");
                    ports.Add(new ConnectionSymbol(formal?.Text, position, actual?.CompactText() ?? (implicitConnection ? formal?.Text : null), named.Location)
                    {
                        IsImplicit = implicitConnection,
                        Signals = actual is not null ? SignalReads.Collect(actual)
                            : implicitConnection && formal is not null ? [new SignalUse(formal.Text, null, formal.Location)] : [],
                    });
                }
                else
                {
                    var actual = connection.FirstDescendant("expression");
                    ports.Add(new ConnectionSymbol(null, position, actual?.CompactText(), connection.Location)
                    {
                        Signals = actual is null ? [] : SignalReads.Collect(actual),
                    });
                }

                position++;
            }

            var dimensions = nameOfInstance!.Children("unpacked_dimension").Select(d => d.CompactText()).ToList();
            unit.Instances.Add(new InstanceSymbol(InstanceKind.Unit, unitName.Text, name.Text, name.Location)
            {
                Scope = scope,
                Parameters = parameters,
                Ports = ports.ToImmutable(),
                HasWildcardConnection = wildcard,
                ArrayDimensions = dimensions.Count == 0 ? null : string.Concat(dimensions),
            });
        }
    }

    private static void AddGateInstances(SyntaxNode instantiation, UnitBuilder unit, string? scope)
    {
        var gate = instantiation.ChildNode("gate_type")?.Text ?? instantiation.FirstTokenText();
        var index = 0;
        foreach (var instance in instantiation.Children("gate_instance"))
        {
            var name = instance.ChildNode("name_of_instance")?.ChildNode("identifier") ?? instance.ChildNode("identifier");
            var terminals = instance.Descendants("expression").Select((expression, position) =>
                new ConnectionSymbol(null, position, expression.CompactText(), expression.Location) { Signals = SignalReads.Collect(expression) });
            unit.Instances.Add(new InstanceSymbol(InstanceKind.Primitive, gate, name?.Text ?? $"{gate}#{index}", name?.Location ?? instance.Location)
            {
                Scope = scope,
                Ports = [.. terminals],
            });
            index++;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Generate

    private void VisitGenerate(SyntaxNode construct, UnitBuilder unit, string? scope)
    {
        var kind = construct.Kind == "loop_generate_construct" ? GenerateKind.For : construct.HasToken("case") ? GenerateKind.Case : GenerateKind.If;
        var condition = construct.ChildNode("expression")?.CompactText();
        if (kind == GenerateKind.For)
        {
            var init = construct.ChildNode("genvar_initialization");
            condition = $"{init?.CompactText()}; {condition}; {construct.ChildNode("genvar_iteration")?.CompactText()}";
        }

        // A case item's choices, so elaboration can pick the item the expression matches.
        var choicesOf = new Dictionary<SyntaxNode, ImmutableArray<string>>(ReferenceEqualityComparer.Instance);
        foreach (var item in construct.Children("case_generate_item"))
        {
            if (item.ChildNode("generate_block") is { } itemBlock)
            {
                choicesOf[itemBlock] = item.HasToken("default") ? ["default"] : [.. item.Children("expression").Select(choice => choice.CompactText())];
            }
        }

        var blockIndex = 0;
        foreach (var block in construct.Descendants("generate_block", "generate_block"))
        {
            // Unnamed blocks get the names the standard gives them (genblk<N>), numbered here per construct.
            var label = BlockLabel(block) ?? $"genblk{unit.NextGenerateNumber()}";
            var blockScope = scope is null ? label : $"{scope}.{label}";
            unit.GenerateBlocks.Add(new GenerateBlockSymbol(kind, label, block.Location)
            {
                Condition = condition,
                ParentScope = scope,
                Branch = blockIndex,
                Choices = choicesOf.GetValueOrDefault(block, []),
            });
            foreach (var child in block.ChildNodes)
            {
                if (child.Kind is "module_item")
                {
                    VisitItem(child, unit, blockScope);
                }
            }

            blockIndex++;
        }
    }

    private static string? BlockLabel(SyntaxNode block)
    {
        foreach (var identifier in block.Children("identifier"))
        {
            return identifier.Text;
        }

        return null;
    }

    // ---------------------------------------------------------------------------------------------
    // Processes and assignments

    private ProcessSymbol BuildProcess(SyntaxNode construct, string? scope)
    {
        var keyword = construct.FirstTokenText();
        var kind = keyword switch
        {
            "always_ff" => ProcessKind.AlwaysFf,
            "always_comb" => ProcessKind.AlwaysComb,
            "always_latch" => ProcessKind.AlwaysLatch,
            "initial" => ProcessKind.Initial,
            "final" => ProcessKind.Final,
            _ => ProcessKind.Always,
        };

        var body = construct.ChildNode("statement") ?? construct.ChildNode("statement_or_null");
        var events = new List<(string Signal, EdgeKind Edge)>();
        var sensitiveToAll = kind is ProcessKind.AlwaysComb or ProcessKind.AlwaysLatch;
        var eventControl = body is null ? null : LeadingEventControl(body);
        if (eventControl is not null)
        {
            var eventExpression = eventControl.ChildNode("event_expression");
            if (eventExpression is null)
            {
                sensitiveToAll = !eventControl.ChildNodes.Any(child => child.Kind is "hierarchical_identifier");
                if (eventControl.ChildNode("hierarchical_identifier") is { } single)
                {
                    events.Add((single.Text, EdgeKind.AnyEdge));
                }
            }
            else
            {
                CollectEvents(eventExpression, events);
            }
        }

        var label = body?.ChildNode("identifier")?.Text ?? BlockName(body);
        var assignments = new List<AssignmentSymbol>();
        if (body is not null)
        {
            CollectAssignments(body, [], assignments, scope);
        }

        var clock = default(ClockSymbol);
        var reset = default(ResetSymbol);
        var edges = events.Where(e => e.Edge != EdgeKind.AnyEdge).ToList();
        if (edges.Count > 0)
        {
            // The clock is the edge signal that the body does not test in its first condition; the other edge signal is an asynchronous reset.
            var firstCondition = body is null ? [] : FirstCondition(body);
            var resetCandidate = edges.FirstOrDefault(e => firstCondition.Any(use => use.Name == e.Signal));
            var clockEvent = edges.FirstOrDefault(e => e.Signal != resetCandidate.Signal);
            if (clockEvent.Signal is not null)
            {
                clock = new ClockSymbol(clockEvent.Signal, clockEvent.Edge);
            }

            if (resetCandidate.Signal is not null && edges.Count > 1)
            {
                reset = new ResetSymbol(resetCandidate.Signal, resetCandidate.Edge == EdgeKind.Negedge, Asynchronous: true);
            }
            else if (clock is not null)
            {
                var syncReset = firstCondition.FirstOrDefault(use => LooksLikeReset(use.Name));
                if (syncReset is not null)
                {
                    reset = new ResetSymbol(syncReset.Name, IsActiveLowName(syncReset.Name), Asynchronous: false);
                }
            }
        }

        return new ProcessSymbol(kind, construct.Location)
        {
            Label = label,
            Scope = scope,
            Sensitivity = [.. events.Select(e => e.Signal).Distinct()],
            SensitiveToAll = sensitiveToAll,
            Clock = clock,
            Reset = reset,
            Assignments = [.. assignments],
        };
    }

    /// <summary>Naming conventions for active-low signals: rst_n, rst_ni, resetn, nrst, rst_b.</summary>
    private static bool IsActiveLowName(string name)
    {
        var lower = name.ToLowerInvariant();
        return lower.EndsWith("_n", StringComparison.Ordinal) || lower.EndsWith("_ni", StringComparison.Ordinal) || lower.EndsWith("_b", StringComparison.Ordinal)
            || lower.EndsWith("rstn", StringComparison.Ordinal) || lower.EndsWith("resetn", StringComparison.Ordinal) || lower.StartsWith("nrst", StringComparison.Ordinal);
    }

    private static bool LooksLikeReset(string name) =>
        name.Contains("rst", StringComparison.OrdinalIgnoreCase) || name.Contains("reset", StringComparison.OrdinalIgnoreCase) || name.Contains("clr", StringComparison.OrdinalIgnoreCase);

    /// <summary>The event control that heads a process body: `always @(posedge clk)` or `always_ff @(...)`.</summary>
    private static SyntaxNode? LeadingEventControl(SyntaxNode statement)
    {
        var item = statement.Kind == "statement_or_null" ? statement.ChildNode("statement")?.ChildNode("statement_item") : statement.ChildNode("statement_item");
        var timing = item?.ChildNode("procedural_timing_control_statement");
        return timing?.ChildNode("procedural_timing_control")?.ChildNode("event_control");
    }

    private static string? BlockName(SyntaxNode? body)
    {
        var block = body?.FirstDescendant("seq_block");
        return block?.ChildNode("identifier")?.Text;
    }

    private static void CollectEvents(SyntaxNode eventExpression, List<(string Signal, EdgeKind Edge)> events)
    {
        var nested = eventExpression.Children("event_expression").ToList();
        if (nested.Count > 0)
        {
            foreach (var child in nested)
            {
                CollectEvents(child, events);
            }

            return;
        }

        var edge = eventExpression.ChildNode("edge_identifier")?.Text switch
        {
            "posedge" => EdgeKind.Posedge,
            "negedge" => EdgeKind.Negedge,
            _ => EdgeKind.AnyEdge,
        };
        var expression = eventExpression.ChildNode("expression");
        if (expression is not null)
        {
            foreach (var use in SignalReads.Collect(expression))
            {
                events.Add((use.Name, edge));
            }
        }
    }

    /// <summary>The signals of the first if condition in a process body, where resets are tested.</summary>
    private static ImmutableArray<SignalUse> FirstCondition(SyntaxNode body)
    {
        var conditional = body.FirstDescendant("conditional_statement");
        var condition = conditional?.ChildNode("expression");
        return condition is null ? [] : SignalReads.Collect(condition);
    }

    /// <summary>
    /// Walks statements, carrying the signals of the enclosing conditions, and records each assignment with
    /// its data reads and those control reads.
    /// </summary>
    private static void CollectAssignments(SyntaxNode node, ImmutableArray<SignalUse> control, List<AssignmentSymbol> assignments, string? scope)
    {
        switch (node.Kind)
        {
            case "blocking_assignment" or "operator_assignment" or "nonblocking_assignment":
                assignments.Add(BuildAssignment(node, node.Kind != "nonblocking_assignment", control, scope));
                return;
            case "conditional_statement":
            {
                var condition = node.ChildNode("expression");
                var inner = condition is null ? control : control.AddRange(SignalReads.Collect(condition));
                foreach (var child in node.Children("statement_or_null"))
                {
                    CollectAssignments(child, inner, assignments, scope);
                }

                return;
            }

            case "case_statement":
            {
                var selector = node.ChildNode("expression");
                var inner = selector is null ? control : control.AddRange(SignalReads.Collect(selector));
                foreach (var item in node.Children("case_item"))
                {
                    var itemControl = inner;
                    foreach (var label in item.Children("case_item_expression"))
                    {
                        itemControl = itemControl.AddRange(SignalReads.Collect(label));
                    }

                    foreach (var child in item.Children("statement_or_null"))
                    {
                        CollectAssignments(child, itemControl, assignments, scope);
                    }
                }

                return;
            }

            case "loop_statement":
            {
                var inner = control;
                foreach (var condition in node.Children("expression"))
                {
                    inner = inner.AddRange(SignalReads.Collect(condition));
                }

                foreach (var child in node.ChildNodes)
                {
                    if (child.Kind is not "expression")
                    {
                        CollectAssignments(child, inner, assignments, scope);
                    }
                }

                return;
            }

            case "expression" or "event_control" or "delay_control":
                return;
            default:
                foreach (var child in node.ChildNodes)
                {
                    CollectAssignments(child, control, assignments, scope);
                }

                return;
        }
    }

    private static AssignmentSymbol BuildAssignment(SyntaxNode assignment, bool isBlocking, ImmutableArray<SignalUse> control, string? scope)
    {
        var target = assignment.ChildNode("variable_lvalue");
        var value = assignment.ChildNode("expression");
        var targets = target is null ? [] : SignalReads.CollectTargets(target);
        var reads = value is null ? [] : SignalReads.Collect(value);
        var controls = control;
        if (value is not null)
        {
            // `a = s ? x : y`: the select is control, the arms are data.
            var conditionReads = SignalReads.CollectConditions(value);
            if (!conditionReads.IsEmpty)
            {
                controls = controls.AddRange(conditionReads);
                reads = [.. reads.Where(read => !conditionReads.Contains(read))];
            }
        }

        // Indices of the target (`mem[addr] <= d`) are read as data.
        if (target is not null)
        {
            reads = reads.AddRange(SignalReads.CollectIndexReads(target));
        }

        if (assignment.ChildNode("compound_assignment_operator") is not null || assignment.ChildNode("assignment_operator")?.ChildNode("compound_assignment_operator") is not null)
        {
            reads = reads.AddRange(targets);
        }

        return new AssignmentSymbol(targets, assignment.Location)
        {
            DataReads = reads,
            ControlReads = controls,
            IsBlocking = isBlocking,
            Scope = scope,
        };
    }

    private SubprogramSymbol BuildSubprogram(SyntaxNode declaration)
    {
        var kind = declaration.Kind == "task_declaration" ? SubprogramKind.Task : SubprogramKind.Function;
        var nameNode = declaration.ChildNode("function_name");
        var name = nameNode?.CompactText() ?? "?";
        var arguments = ImmutableArray.CreateBuilder<PortSymbol>();
        var direction = PortDirection.In;
        var type = TypeSymbol.Implicit;
        foreach (var item in declaration.Descendants("tf_port_item", "statement_or_null"))
        {
            if (item.ChildNode("tf_port_direction") is { } directionNode)
            {
                direction = DirectionOf(directionNode.FirstTokenText() is "const" ? "ref" : directionNode.Text);
            }

            if (item.ChildNode("data_type_or_implicit") is not null || item.ChildNode("data_type") is not null)
            {
                type = TypeOf(item);
            }

            if (item.ChildNode("identifier") is { } argumentName)
            {
                arguments.Add(new PortSymbol(argumentName.Text, direction, type, argumentName.Location));
            }
        }

        foreach (var declared in declaration.Children("tf_item_declaration"))
        {
            var portDeclaration = declared.ChildNode("tf_port_declaration");
            if (portDeclaration is null)
            {
                continue;
            }

            var declaredDirection = portDeclaration.ChildNode("tf_port_direction")?.Text ?? "input";
            foreach (var item in portDeclaration.Descendants("port_identifier_item"))
            {
                var argumentName = item.ChildNode("identifier");
                if (argumentName is not null)
                {
                    arguments.Add(new PortSymbol(argumentName.Text, DirectionOf(declaredDirection), TypeOf(portDeclaration), argumentName.Location));
                }
            }
        }

        var returnType = declaration.ChildNode("function_return_type");
        return new SubprogramSymbol(kind, name, nameNode?.Location ?? declaration.Location)
        {
            ReturnType = returnType is null ? null : new TypeSymbol(returnType.CompactText()),
            Arguments = arguments.ToImmutable(),
            Documentation = _documentation.Above(declaration.Span),
        };
    }
}
