using System.Collections.Immutable;
using Hdl.Design.Model;
using Hdl.Design.Syntax;
using Hdl.Syntax;

namespace Hdl.Design.Vhdl;

/// <summary>
/// Builds the design model of one VHDL file: entities (generics, ports), architectures (signals, processes,
/// concurrent assignments, instances, generate scopes), packages and bodies, configurations and contexts.
/// The context clause (`library`/`use`) before a unit becomes that unit's imports.
/// </summary>
internal sealed class VhdlModelBuilder
{
    private readonly SyntaxTree _tree;
    private readonly DocumentationIndex _documentation;
    private readonly CancellationToken _cancellationToken;
    private VhdlSignalReads _reads = new(new HashSet<string>());

    private VhdlModelBuilder(SyntaxTree tree, CancellationToken cancellationToken)
    {
        _tree = tree;
        _documentation = new DocumentationIndex(tree);
        _cancellationToken = cancellationToken;
    }

    public static ImmutableArray<DesignUnitSymbol> Build(SyntaxTree tree, string library, CancellationToken cancellationToken)
    {
        var builder = new VhdlModelBuilder(tree, cancellationToken);
        var units = ImmutableArray.CreateBuilder<DesignUnitSymbol>();
        foreach (var designUnit in tree.Root.Descendants("design_unit"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var libraryUnit = designUnit.ChildNode("library_unit");
            var unitNode = libraryUnit?.FirstChildNode();
            if (unitNode is null)
            {
                continue;
            }

            var unit = builder.BuildUnit(unitNode, library);
            if (unit is null)
            {
                continue;
            }

            builder.AddContext(designUnit.ChildNode("context_clause"), unit);
            if (unitNode.Kind == "context_declaration")
            {
                builder.AddContext(unitNode.ChildNode("context_clause"), unit);
            }

            units.Add(unit.ToSymbol(HdlLanguage.Vhdl));
        }

        return units.ToImmutable();
    }

    private UnitBuilder? BuildUnit(SyntaxNode node, string library)
    {
        var name = node.ChildNode("identifier");
        if (name is null)
        {
            return null;
        }

        var kind = node.Kind switch
        {
            "entity_declaration" => DesignUnitKind.Entity,
            "architecture_body" => DesignUnitKind.Architecture,
            "package_declaration" or "package_instantiation_declaration" => DesignUnitKind.Package,
            "package_body" => DesignUnitKind.PackageBody,
            "configuration_declaration" => DesignUnitKind.Configuration,
            "context_declaration" => DesignUnitKind.Context,
            _ => (DesignUnitKind?)null,
        };
        if (kind is null)
        {
            return null;
        }

        var unit = new UnitBuilder(kind.Value, name.Text, name.Location, node.Location)
        {
            Library = library,
            Documentation = _documentation.Above(node.Span),
            Owner = kind switch
            {
                DesignUnitKind.Architecture or DesignUnitKind.Configuration => node.ChildNode("name")?.CompactText(),
                DesignUnitKind.PackageBody => name.Text,
                DesignUnitKind.Package when node.Kind == "package_instantiation_declaration" => node.ChildNode("name")?.CompactText(),
                _ => null,
            },
        };

        _reads = new VhdlSignalReads(CollectSubprogramNames(node));
        var header = node.ChildNode("entity_header") ?? node.ChildNode("package_header");
        if (header is not null)
        {
            AddInterfaces(header, unit);
        }

        foreach (var declarative in node.Descendants("declarative_item", "process_statement", "subprogram_body", "generate_statement", "block_statement", "protected_type_body", "protected_type_declaration"))
        {
            AddDeclaration(declarative, unit, scope: null);
        }

        foreach (var statementPart in node.ChildNodes)
        {
            if (statementPart.Kind is "architecture_statement_part" or "entity_statement_part")
            {
                foreach (var statement in statementPart.Children("concurrent_statement"))
                {
                    AddConcurrentStatement(statement, unit, scope: null);
                }
            }
        }

        return unit;
    }

    private static HashSet<string> CollectSubprogramNames(SyntaxNode unit)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var specification in unit.Descendants("subprogram_specification"))
        {
            var designator = specification.FirstDescendant("designator");
            if (designator is not null)
            {
                names.Add(designator.Text);
            }
        }

        return names;
    }

    private void AddContext(SyntaxNode? contextClause, UnitBuilder unit)
    {
        if (contextClause is null)
        {
            return;
        }

        foreach (var use in contextClause.Descendants("use_clause"))
        {
            AddUseClause(use, unit);
        }

        // `context lib.ctx;` makes the context's use clauses apply here: kept as an import of the context unit.
        foreach (var reference in contextClause.Descendants("context_reference"))
        {
            foreach (var name in reference.Children("name"))
            {
                var parts = name.CompactText().Replace(" ", string.Empty, StringComparison.Ordinal).Split('.');
                unit.Imports.Add(parts.Length >= 2
                    ? new ImportSymbol(parts[^1], null, name.Location) { Library = parts[0] }
                    : new ImportSymbol(parts[0], null, name.Location));
            }
        }
    }

    private static void AddUseClause(SyntaxNode use, UnitBuilder unit)
    {
        foreach (var name in use.Children("name"))
        {
            // `use lib.pkg.all`, `use lib.pkg.item`, `use pkg.item` (a package made visible by an earlier use).
            var parts = name.CompactText().Replace(" ", string.Empty, StringComparison.Ordinal).Split('.');
            if (parts.Length >= 3)
            {
                unit.Imports.Add(new ImportSymbol(parts[1], IsAll(parts[2]) ? null : parts[2], name.Location) { Library = parts[0] });
            }
            else if (parts.Length == 2)
            {
                unit.Imports.Add(new ImportSymbol(parts[0], IsAll(parts[1]) ? null : parts[1], name.Location));
            }
        }
    }

    private static bool IsAll(string part) => part.Equals("all", StringComparison.OrdinalIgnoreCase);

    // ---------------------------------------------------------------------------------------------
    // Generics and ports

    private void AddInterfaces(SyntaxNode header, UnitBuilder unit)
    {
        var generics = header.ChildNode("generic_clause");
        if (generics is not null)
        {
            foreach (var declaration in generics.Descendants("interface_declaration"))
            {
                var objectDeclaration = declaration.ChildNode("interface_object_declaration");
                if (objectDeclaration is null)
                {
                    if (declaration.ChildNode("interface_type_declaration") is { } typeGeneric && typeGeneric.FirstDescendant("identifier") is { } typeName)
                    {
                        unit.Parameters.Add(new ParameterSymbol(typeName.Text, TypeSymbol.Implicit, null, typeName.Location) { IsType = true });
                    }

                    continue;
                }

                var type = TypeOf(objectDeclaration);
                var value = objectDeclaration.ChildNode("expression")?.CompactText();
                foreach (var identifier in Identifiers(objectDeclaration))
                {
                    unit.Parameters.Add(new ParameterSymbol(identifier.Text, type, value, identifier.Location));
                }
            }
        }

        var ports = header.ChildNode("port_clause");
        if (ports is null)
        {
            return;
        }

        foreach (var objectDeclaration in ports.Descendants("interface_object_declaration"))
        {
            var direction = objectDeclaration.ChildNode("interface_mode")?.Text.ToLowerInvariant() switch
            {
                "out" => PortDirection.Out,
                "inout" => PortDirection.InOut,
                "buffer" => PortDirection.Buffer,
                "linkage" => PortDirection.Linkage,
                _ => PortDirection.In,
            };
            var type = TypeOf(objectDeclaration);
            foreach (var identifier in Identifiers(objectDeclaration))
            {
                unit.Ports.Add(new PortSymbol(identifier.Text, direction, type, identifier.Location)
                {
                    Documentation = _documentation.For(objectDeclaration.Span),
                });
            }
        }
    }

    private static IEnumerable<SyntaxNode> Identifiers(SyntaxNode declaration) =>
        declaration.ChildNode("identifier_list")?.Children("identifier") ?? [];

    private static TypeSymbol TypeOf(SyntaxNode declaration)
    {
        var subtype = declaration.ChildNode("subtype_indication");
        if (subtype is null)
        {
            return TypeSymbol.Implicit;
        }

        var constraint = subtype.ChildNode("constraint");
        return new TypeSymbol(subtype.CompactText())
        {
            PackedDimensions = constraint is null ? [] : [constraint.CompactText()],
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Declarations

    private void AddDeclaration(SyntaxNode declarativeItem, UnitBuilder unit, string? scope)
    {
        var declaration = declarativeItem.FirstChildNode();
        if (declaration is null)
        {
            return;
        }

        switch (declaration.Kind)
        {
            case "signal_declaration":
                AddObjects(declaration, DeclarationKind.Signal, unit, scope);
                break;
            case "constant_declaration":
                AddObjects(declaration, DeclarationKind.Constant, unit, scope);
                break;
            case "variable_declaration":
                AddObjects(declaration, declaration.HasToken("shared") || declaration.FirstTokenText().Equals("shared", StringComparison.OrdinalIgnoreCase) ? DeclarationKind.SharedVariable : DeclarationKind.Variable, unit, scope);
                break;
            case "file_declaration":
                AddObjects(declaration, DeclarationKind.File, unit, scope);
                break;
            case "alias_declaration":
                if (declaration.FirstDescendant("identifier") is { } aliasName)
                {
                    unit.Declarations.Add(new DeclarationSymbol(DeclarationKind.Alias, aliasName.Text, TypeOf(declaration), aliasName.Location)
                    {
                        Scope = scope,
                        InitialValue = declaration.ChildNode("name")?.CompactText(),
                    });
                }

                break;
            case "type_declaration":
                AddType(declaration, unit, scope);
                break;
            case "subtype_declaration":
                if (declaration.ChildNode("identifier") is { } subtypeName)
                {
                    unit.Declarations.Add(new DeclarationSymbol(DeclarationKind.Subtype, subtypeName.Text, TypeOf(declaration), subtypeName.Location)
                    {
                        Scope = scope,
                        Documentation = _documentation.For(declaration.Span),
                    });
                }

                break;
            case "component_declaration":
                if (declaration.ChildNode("identifier") is { } componentName)
                {
                    unit.Declarations.Add(new DeclarationSymbol(DeclarationKind.Component, componentName.Text, TypeSymbol.Implicit, componentName.Location)
                    {
                        Scope = scope,
                        Members = [.. declaration.Descendants("interface_object_declaration").SelectMany(Identifiers).Select(id => id.Text)],
                    });
                }

                break;
            case "subprogram_body" or "subprogram_declaration":
                AddSubprogram(declaration, unit);
                break;
            case "use_clause":
                AddUseClause(declaration, unit);
                break;
            default:
                break;
        }
    }

    private void AddObjects(SyntaxNode declaration, DeclarationKind kind, UnitBuilder unit, string? scope)
    {
        var type = TypeOf(declaration);
        var initial = declaration.ChildNode("expression")?.CompactText();
        foreach (var identifier in Identifiers(declaration))
        {
            unit.Declarations.Add(new DeclarationSymbol(kind, identifier.Text, type, identifier.Location)
            {
                Scope = scope,
                InitialValue = initial,
                Documentation = _documentation.For(declaration.Span),
            });
        }
    }

    private void AddType(SyntaxNode declaration, UnitBuilder unit, string? scope)
    {
        var name = declaration.ChildNode("identifier");
        if (name is null)
        {
            return;
        }

        var definition = declaration.ChildNode("type_definition")?.FirstChildNode();
        var kind = definition?.Kind switch
        {
            "enumeration_type_definition" => DeclarationKind.Enum,
            "record_type_definition" => DeclarationKind.Struct,
            _ => DeclarationKind.Type,
        };
        var members = definition?.Kind switch
        {
            "enumeration_type_definition" => definition.Children("enumeration_literal").Select(literal => literal.Text).ToImmutableArray(),
            "record_type_definition" => definition.Children("element_declaration").SelectMany(Identifiers).Select(id => id.Text).ToImmutableArray(),
            _ => [],
        };
        unit.Declarations.Add(new DeclarationSymbol(kind, name.Text, new TypeSymbol(definition?.CompactText() ?? string.Empty), name.Location)
        {
            Scope = scope,
            Members = members,
            Documentation = _documentation.For(declaration.Span),
        });

        if (definition?.Kind == "enumeration_type_definition")
        {
            foreach (var literal in definition.Children("enumeration_literal"))
            {
                unit.Declarations.Add(new DeclarationSymbol(DeclarationKind.EnumMember, literal.Text, new TypeSymbol(name.Text), literal.Location) { Scope = scope });
            }
        }
    }

    private void AddSubprogram(SyntaxNode declaration, UnitBuilder unit)
    {
        var specification = declaration.ChildNode("subprogram_specification");
        var function = specification?.ChildNode("function_specification");
        var procedure = specification?.ChildNode("procedure_specification");
        var header = function ?? procedure;
        var designator = header?.ChildNode("designator");
        if (header is null || designator is null)
        {
            return;
        }

        // A declaration followed by its body in the same unit is one subprogram; the body adds what it returns.
        var returns = function is not null && declaration.Kind == "subprogram_body" ? ReturnExpression(declaration) : null;
        var declared = unit.Subprograms.FindIndex(existing => existing.Name.Equals(designator.Text, StringComparison.OrdinalIgnoreCase) && declaration.Kind == "subprogram_body" && existing.Location.Path == designator.Location.Path && existing.Arguments.Length == CountArguments(header));
        if (declared >= 0)
        {
            unit.Subprograms[declared] = unit.Subprograms[declared] with { ReturnExpression = returns };
            return;
        }

        var arguments = ImmutableArray.CreateBuilder<PortSymbol>();
        foreach (var argument in header.Descendants("interface_object_declaration"))
        {
            var mode = argument.ChildNode("interface_mode")?.Text.ToLowerInvariant();
            var direction = mode switch { "out" => PortDirection.Out, "inout" => PortDirection.InOut, _ => PortDirection.In };
            foreach (var identifier in Identifiers(argument))
            {
                arguments.Add(new PortSymbol(identifier.Text, direction, TypeOf(argument), identifier.Location));
            }
        }

        unit.Subprograms.Add(new SubprogramSymbol(function is null ? SubprogramKind.Procedure : SubprogramKind.Function, designator.Text, designator.Location)
        {
            ReturnType = function?.ChildNode("type_mark") is { } returnType ? new TypeSymbol(returnType.CompactText()) : null,
            Arguments = arguments.ToImmutable(),
            Documentation = _documentation.Above(declaration.Span),
            ReturnExpression = returns,
        });
    }

    /// <summary>
    /// A function body without declarations whose statements only return, under if/elsif/else, as one VHDL-2019
    /// conditional expression (`(t) when (c) else (f)`); null when the body does anything else.
    /// </summary>
    private static string? ReturnExpression(SyntaxNode body)
    {
        if (body.ChildNode("subprogram_declarative_part") is { } declarations && declarations.ChildNodes.Count > 0)
        {
            return null;
        }

        var statements = body.ChildNode("subprogram_statement_part")?.Children("sequential_statement").ToList() ?? [];
        return ReturnExpression(statements, 0);
    }

    private static string? ReturnExpression(List<SyntaxNode> statements, int from)
    {
        if (from >= statements.Count)
        {
            return null;
        }

        var statement = statements[from].FirstChildNode();
        if (statement?.Kind == "return_statement")
        {
            return statement.ChildNode("expression")?.CompactText();
        }

        if (statement?.Kind != "if_statement" || statement.ChildNode("label") is not null)
        {
            return null;
        }

        // Each sequence follows its condition; a sequence with none before it is the else. Without an else the
        // statements after the if are what the function returns when no condition holds.
        var text = new System.Text.StringBuilder();
        string? condition = null;
        var hasElse = false;
        foreach (var child in statement.ChildNodes)
        {
            if (child.Kind == "condition")
            {
                condition = child.CompactText();
                continue;
            }

            if (child.Kind != "sequence_of_statements")
            {
                continue;
            }

            var value = ReturnExpression([.. child.Children("sequential_statement")], 0);
            if (value is null)
            {
                return null;
            }

            if (condition is null)
            {
                hasElse = true;
                text.Append('(').Append(value).Append(')');
                break;
            }

            text.Append('(').Append(value).Append(") when (").Append(condition).Append(") else ");
            condition = null;
        }

        if (!hasElse)
        {
            var rest = ReturnExpression(statements, from + 1);
            if (rest is null)
            {
                return null;
            }

            text.Append('(').Append(rest).Append(')');
        }

        return text.ToString();
    }

    private static int CountArguments(SyntaxNode header) => header.Descendants("interface_object_declaration").Sum(argument => Identifiers(argument).Count());

    // ---------------------------------------------------------------------------------------------
    // Concurrent statements

    private void AddConcurrentStatement(SyntaxNode statement, UnitBuilder unit, string? scope)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var inner = statement.FirstChildNode();
        switch (inner?.Kind)
        {
            case "process_statement":
                unit.Processes.Add(BuildProcess(inner, scope));
                break;
            case "component_instantiation_statement":
                AddInstance(inner, unit, scope);
                break;
            case "concurrent_signal_assignment_statement":
                AddConcurrentAssignment(inner, unit, scope);
                break;
            case "generate_statement":
                AddGenerate(inner.ChildNodes[0], unit, scope);
                break;
            case "block_statement":
            {
                var label = inner.ChildNode("label")?.Text ?? "block";
                var blockScope = Join(scope, label);
                unit.GenerateBlocks.Add(new GenerateBlockSymbol(GenerateKind.Block, label, inner.Location) { ParentScope = scope });
                foreach (var item in inner.ChildNode("block_declarative_part")?.Children("declarative_item") ?? [])
                {
                    AddDeclaration(item, unit, blockScope);
                }

                foreach (var nested in inner.Descendants("concurrent_statement", "concurrent_statement"))
                {
                    AddConcurrentStatement(nested, unit, blockScope);
                }

                break;
            }

            default:
                break;
        }
    }

    private static string Join(string? scope, string label) => scope is null ? label : $"{scope}.{label}";

    private void AddGenerate(SyntaxNode generate, UnitBuilder unit, string? scope)
    {
        var label = generate.ChildNode("label")?.Text ?? "generate";
        var kind = generate.Kind switch
        {
            "for_generate_statement" => GenerateKind.For,
            "case_generate_statement" => GenerateKind.Case,
            _ => GenerateKind.If,
        };
        var condition = kind switch
        {
            GenerateKind.For => generate.ChildNode("parameter_specification")?.CompactText(),
            _ => (generate.ChildNode("condition") ?? generate.ChildNode("expression"))?.CompactText(),
        };
        var blockScope = Join(scope, label);
        unit.GenerateBlocks.Add(new GenerateBlockSymbol(kind, label, generate.Location) { Condition = condition, ParentScope = scope, Alternatives = Alternatives(generate, kind) });
        foreach (var body in generate.Descendants("generate_statement_body"))
        {
            foreach (var item in body.ChildNode("block_declarative_part")?.Children("declarative_item") ?? [])
            {
                AddDeclaration(item, unit, blockScope);
            }

            foreach (var statement in body.Children("concurrent_statement"))
            {
                AddConcurrentStatement(statement, unit, blockScope);
            }
        }
    }

    /// <summary>The branches of an if-generate (each body with the condition before it, none for `else`) or the `when`s of a case-generate.</summary>
    private static ImmutableArray<GenerateAlternative> Alternatives(SyntaxNode generate, GenerateKind kind)
    {
        var alternatives = ImmutableArray.CreateBuilder<GenerateAlternative>();
        if (kind == GenerateKind.If)
        {
            string? condition = null;
            foreach (var child in generate.ChildNodes)
            {
                if (child.Kind == "condition")
                {
                    condition = child.CompactText();
                }
                else if (child.Kind == "generate_statement_body")
                {
                    alternatives.Add(new GenerateAlternative(child.Location) { Condition = condition });
                    condition = null;
                }
            }
        }
        else if (kind == GenerateKind.Case)
        {
            foreach (var alternative in generate.Children("case_generate_alternative"))
            {
                var choices = alternative.ChildNode("choices")?.Children("choice").Select(choice => choice.CompactText()).ToImmutableArray() ?? [];
                alternatives.Add(new GenerateAlternative(alternative.ChildNode("generate_statement_body")?.Location ?? alternative.Location) { Choices = choices });
            }
        }

        return alternatives.ToImmutable();
    }

    private void AddInstance(SyntaxNode instantiation, UnitBuilder unit, string? scope)
    {
        var label = instantiation.ChildNode("label");
        var instantiated = instantiation.ChildNode("instantiated_unit");
        if (label is null || instantiated is null)
        {
            return;
        }

        var keyword = instantiated.FirstTokenText().ToLowerInvariant();
        var kind = keyword switch
        {
            "entity" => InstanceKind.Entity,
            "configuration" => InstanceKind.Configuration,
            _ => InstanceKind.Unit,
        };

        string unitName;
        string? library = null;
        string? architecture = null;
        if (kind == InstanceKind.Unit)
        {
            var parts = (instantiated.ChildNode("selected_name")?.CompactText() ?? string.Empty).Split('.');
            unitName = parts[^1];
            library = parts.Length > 1 ? parts[0] : null;
        }
        else
        {
            // `entity work.e(arch)`: the name's prefix is the library, then the unit, then the architecture in parentheses.
            var name = instantiated.ChildNode("name");
            var prefix = (name?.ChildNode("identifier") ?? name?.ChildNode("external_name"))?.Text ?? string.Empty;
            var selected = name?.Children("name_suffix").Where(suffix => suffix.ChildNode("suffix") is not null).Select(suffix => suffix.ChildNode("suffix")!.Text).ToList() ?? [];
            if (selected.Count > 0)
            {
                library = prefix;
                unitName = selected[^1];
            }
            else
            {
                unitName = prefix;
            }

            architecture = name?.Children("name_suffix").Select(suffix => suffix.ChildNode("association_list")).FirstOrDefault(list => list is not null)?.CompactText();
        }

        unit.Instances.Add(new InstanceSymbol(kind, unitName, label.Text, label.Location)
        {
            Library = library,
            Architecture = architecture,
            Scope = scope,
            Parameters = Associations(instantiation.ChildNode("generic_map_aspect")),
            Ports = Associations(instantiation.ChildNode("port_map_aspect")),
        });
    }

    private ImmutableArray<ConnectionSymbol> Associations(SyntaxNode? aspect)
    {
        var list = aspect?.ChildNode("association_list");
        if (list is null)
        {
            return [];
        }

        var connections = ImmutableArray.CreateBuilder<ConnectionSymbol>();
        var position = 0;
        foreach (var element in list.Children("association_element"))
        {
            var formal = element.ChildNode("formal_part");
            var actual = element.ChildNode("actual_part");
            var actualText = actual?.CompactText();
            connections.Add(new ConnectionSymbol(formal?.CompactText(), position++, actualText is not null && actualText.Equals("open", StringComparison.OrdinalIgnoreCase) ? null : actualText, element.Location)
            {
                Signals = actual is null ? [] : _reads.Collect(actual),
            });
        }

        return connections.ToImmutable();
    }

    private void AddConcurrentAssignment(SyntaxNode statement, UnitBuilder unit, string? scope)
    {
        var conditional = statement.ChildNode("concurrent_conditional_signal_assignment");
        if (conditional is not null)
        {
            var target = conditional.ChildNode("target");
            var waveforms = conditional.ChildNode("conditional_waveforms");
            if (target is not null && waveforms is not null)
            {
                unit.ContinuousAssignments.Add(BuildConditionalAssignment(target, waveforms, [], isBlocking: true, scope, conditional));
            }

            return;
        }

        var selected = statement.ChildNode("concurrent_selected_signal_assignment");
        if (selected is not null)
        {
            var target = selected.ChildNode("target");
            var selector = selected.ChildNode("expression");
            var waveforms = selected.ChildNode("selected_waveforms");
            if (target is not null && waveforms is not null)
            {
                unit.ContinuousAssignments.Add(BuildSelectedAssignment(target, selector, waveforms, [], isBlocking: true, scope, selected));
            }
        }
    }

    /// <summary>`t &lt;= a when c else b`: the waveforms are data, the `when` conditions control.</summary>
    private AssignmentSymbol BuildConditionalAssignment(SyntaxNode target, SyntaxNode conditionalPart, ImmutableArray<SignalUse> control, bool isBlocking, string? scope, SyntaxNode statement)
    {
        var data = ImmutableArray.CreateBuilder<SignalUse>();
        var controls = control.ToBuilder();
        foreach (var child in conditionalPart.ChildNodes)
        {
            if (child.Kind == "condition")
            {
                controls.AddRange(_reads.Collect(child));
            }
            else
            {
                data.AddRange(_reads.Collect(child));
            }
        }

        data.AddRange(_reads.CollectIndexReads(target));
        return new AssignmentSymbol(_reads.CollectTargets(target), statement.Location)
        {
            DataReads = data.ToImmutable(),
            ControlReads = controls.ToImmutable(),
            IsBlocking = isBlocking,
            Scope = scope,
        };
    }

    /// <summary>`with s select t &lt;= a when x, b when others`: the selector is control.</summary>
    private AssignmentSymbol BuildSelectedAssignment(SyntaxNode target, SyntaxNode? selector, SyntaxNode alternatives, ImmutableArray<SignalUse> control, bool isBlocking, string? scope, SyntaxNode statement)
    {
        var data = ImmutableArray.CreateBuilder<SignalUse>();
        foreach (var child in alternatives.ChildNodes)
        {
            if (child.Kind is not "choices")
            {
                data.AddRange(_reads.Collect(child));
            }
        }

        data.AddRange(_reads.CollectIndexReads(target));
        return new AssignmentSymbol(_reads.CollectTargets(target), statement.Location)
        {
            DataReads = data.ToImmutable(),
            ControlReads = selector is null ? control : control.AddRange(_reads.Collect(selector)),
            IsBlocking = isBlocking,
            Scope = scope,
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Processes

    private ProcessSymbol BuildProcess(SyntaxNode process, string? scope)
    {
        var label = process.ChildNode("label")?.Text;
        var sensitivityList = process.ChildNode("process_sensitivity_list");
        var sensitiveToAll = sensitivityList is not null && sensitivityList.FirstTokenText().Equals("all", StringComparison.OrdinalIgnoreCase);
        var sensitivity = sensitivityList is null || sensitiveToAll
            ? ImmutableArray<string>.Empty
            : [.. sensitivityList.Children("name").Select(name => name.CompactText())];

        var body = process.ChildNode("process_statement_part");
        var assignments = new List<AssignmentSymbol>();
        ClockSymbol? clock = null;
        ResetSymbol? reset = null;
        if (body is not null)
        {
            CollectStatements(body, [], assignments, scope);
            (clock, reset) = FindClockAndReset(body, sensitivity);
            if (clock is not null)
            {
                // The clock edge is the process's clock, not a condition on the data: the same model as `always_ff @(posedge clk)`.
                var clockSignal = clock.Signal;
                for (var i = 0; i < assignments.Count; i++)
                {
                    assignments[i] = assignments[i] with
                    {
                        ControlReads = [.. assignments[i].ControlReads.Where(read => !read.Name.Equals(clockSignal, StringComparison.OrdinalIgnoreCase))],
                    };
                }
            }
        }

        return new ProcessSymbol(ProcessKind.Process, process.Location)
        {
            Label = label,
            Scope = scope,
            Sensitivity = sensitivity,
            SensitiveToAll = sensitiveToAll,
            Clock = clock,
            Reset = reset,
            Assignments = [.. assignments],
        };
    }

    private void CollectStatements(SyntaxNode node, ImmutableArray<SignalUse> control, List<AssignmentSymbol> assignments, string? scope)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child.Kind)
            {
                case "signal_assignment_statement" or "variable_assignment_statement":
                    AddSequentialAssignment(child, control, assignments, scope);
                    break;
                case "if_statement":
                {
                    // Each branch depends on its own condition and on every condition tested before it.
                    var inner = control;
                    foreach (var part in child.ChildNodes)
                    {
                        if (part.Kind == "condition")
                        {
                            inner = inner.AddRange(_reads.Collect(part));
                        }
                        else if (part.Kind == "sequence_of_statements")
                        {
                            CollectStatements(part, inner, assignments, scope);
                        }
                    }

                    break;
                }

                case "case_statement":
                {
                    var selector = child.ChildNode("expression");
                    var inner = selector is null ? control : control.AddRange(_reads.Collect(selector));
                    foreach (var alternative in child.Children("case_statement_alternative"))
                    {
                        foreach (var sequence in alternative.Children("sequence_of_statements"))
                        {
                            CollectStatements(sequence, inner, assignments, scope);
                        }
                    }

                    break;
                }

                case "loop_statement":
                {
                    var scheme = child.ChildNode("iteration_scheme")?.ChildNode("condition");
                    var inner = scheme is null ? control : control.AddRange(_reads.Collect(scheme));
                    foreach (var sequence in child.Children("sequence_of_statements"))
                    {
                        CollectStatements(sequence, inner, assignments, scope);
                    }

                    break;
                }

                case "sequential_statement" or "sequence_of_statements" or "process_statement_part":
                    CollectStatements(child, control, assignments, scope);
                    break;
                default:
                    break;
            }
        }
    }

    private void AddSequentialAssignment(SyntaxNode statement, ImmutableArray<SignalUse> control, List<AssignmentSymbol> assignments, string? scope)
    {
        var target = statement.ChildNode("target");
        if (target is null)
        {
            return;
        }

        var isBlocking = statement.Kind == "variable_assignment_statement";
        var selector = statement.ChildNode("expression");
        var selected = statement.ChildNode("selected_signal_right_hand_side") ?? statement.ChildNode("selected_expressions");
        if (selected is not null)
        {
            assignments.Add(BuildSelectedAssignment(target, selector, selected, control, isBlocking, scope, statement));
            return;
        }

        var rightHandSide = statement.ChildNode("signal_assignment_right_hand_side");
        var conditional = rightHandSide?.ChildNode("conditional_waveforms") ?? rightHandSide?.ChildNode("conditional_expressions") ?? statement.ChildNode("conditional_expressions");
        if (conditional is not null)
        {
            assignments.Add(BuildConditionalAssignment(target, conditional, control, isBlocking, scope, statement));
        }
    }

    /// <summary>
    /// Recognises the clocked-process idioms: `if rising_edge(clk)`, `clk'event and clk = '1'`, `wait until
    /// rising_edge(clk)`; a reset tested before the clock edge (and in the sensitivity list) is asynchronous,
    /// one tested first inside the clocked branch is synchronous.
    /// </summary>
    private (ClockSymbol? Clock, ResetSymbol? Reset) FindClockAndReset(SyntaxNode body, ImmutableArray<string> sensitivity)
    {
        foreach (var condition in body.Descendants("condition"))
        {
            var edge = ClockEdgeOf(condition);
            if (edge is null)
            {
                continue;
            }

            var clock = new ClockSymbol(edge.Value.Signal, edge.Value.Edge);
            ResetSymbol? reset = null;
            var ifStatement = condition.Parent;
            if (ifStatement?.Kind == "if_statement")
            {
                var conditions = ifStatement.Children("condition").ToList();
                var index = conditions.FindIndex(c => c.Span == condition.Span);
                if (index > 0)
                {
                    var (signal, activeLow) = ResetTest(conditions[0]);
                    if (signal is not null)
                    {
                        reset = new ResetSymbol(signal, activeLow, Asynchronous: true);
                    }
                }
                else
                {
                    var clockedBranch = ifStatement.ChildNode("sequence_of_statements");
                    var firstCondition = clockedBranch?.FirstDescendant("condition");
                    if (firstCondition is not null)
                    {
                        var (signal, activeLow) = ResetTest(firstCondition);
                        if (signal is not null)
                        {
                            reset = new ResetSymbol(signal, activeLow, Asynchronous: sensitivity.Contains(signal, StringComparer.OrdinalIgnoreCase));
                        }
                    }
                }
            }

            return (clock, reset);
        }

        return (null, null);
    }

    private static (string Signal, EdgeKind Edge)? ClockEdgeOf(SyntaxNode condition)
    {
        foreach (var name in condition.Descendants("name"))
        {
            var prefix = (name.ChildNode("identifier") ?? name.ChildNode("external_name"))?.Text ?? string.Empty;
            var isRising = prefix.Equals("rising_edge", StringComparison.OrdinalIgnoreCase);
            var isFalling = prefix.Equals("falling_edge", StringComparison.OrdinalIgnoreCase);
            if ((isRising || isFalling) && name.FirstDescendant("association_list") is { } arguments)
            {
                return (arguments.CompactText(), isRising ? EdgeKind.Posedge : EdgeKind.Negedge);
            }

            // clk'event and clk = '1'
            if (name.Children("name_suffix").Any(suffix => suffix.ChildNode("attribute_designator")?.Text.Equals("event", StringComparison.OrdinalIgnoreCase) == true))
            {
                var text = condition.CompactText().Replace(" ", string.Empty, StringComparison.Ordinal);
                var edge = text.Contains($"{prefix}='0'", StringComparison.OrdinalIgnoreCase) ? EdgeKind.Negedge : EdgeKind.Posedge;
                return (prefix, edge);
            }
        }

        return null;
    }

    /// <summary>`rst = '1'`, `rst_n = '0'`, `not rst_n`, `rst`: the tested signal and whether '0' is active.</summary>
    private (string? Signal, bool ActiveLow) ResetTest(SyntaxNode condition)
    {
        var reads = _reads.Collect(condition);
        if (reads.Length != 1)
        {
            return (null, false);
        }

        var name = reads[0].Name;
        var lower = name.ToLowerInvariant();
        if (!lower.Contains("rst", StringComparison.Ordinal) && !lower.Contains("reset", StringComparison.Ordinal) && !lower.Contains("clr", StringComparison.Ordinal))
        {
            return (null, false);
        }

        var text = condition.CompactText().Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        var activeLow = text.Contains("='0'", StringComparison.Ordinal) || text.StartsWith("not", StringComparison.Ordinal);
        return (name, activeLow);
    }
}
