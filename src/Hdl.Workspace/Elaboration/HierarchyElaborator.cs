using System.Collections.Immutable;
using System.Globalization;
using Hdl.Design.Model;
using Hdl.Syntax.Diagnostics;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Elaboration;

/// <summary>
/// Builds the instance hierarchy of a snapshot. Binding rules: a Verilog/SystemVerilog instance binds to the unit of
/// that name, else to a VHDL entity of that name; VHDL `entity lib.e(arch)` binds to that entity and architecture;
/// a VHDL component instance binds by default binding to the entity of the same name in the instantiating unit's
/// library (else any library, else a Verilog module of that name, case ignored) and its most recently analysed
/// architecture. Parameters propagate where <see cref="ConstantEvaluator"/> can compute them; the if/elsif/else
/// branch or case alternative a known condition selects is kept and the others dropped; when a condition is not
/// computable, the branch is kept and marked with it.
/// </summary>
public static class HierarchyElaborator
{
    public static InstanceHierarchy Elaborate(WorkspaceIndex index, ElaborationOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);
        return new ElaborationRun(index.Units, options, cancellationToken).Run();
    }

    /// <summary>Units nobody instantiates: modules, programs, entities, and interfaces not used as port types.</summary>
    public static ImmutableArray<IndexedUnit> FindTops(UnitTable units, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(units);
        return new ElaborationRun(units, ElaborationOptions.Default, cancellationToken).FindTops();
    }

    /// <summary>The unit an instance in <paramref name="parentBody"/> binds to, without elaborating anything.</summary>
    internal static InstanceBinding Bind(UnitTable units, InstanceSymbol instance, IndexedUnit parentBody) =>
        new ElaborationRun(units, ElaborationOptions.Default, CancellationToken.None).Bind(instance, parentBody);
}

/// <summary>What an instance binds to: the unit (module or entity), the architecture for an entity, and how.</summary>
internal sealed record InstanceBinding(IndexedUnit? Unit, IndexedUnit? Architecture, InstanceResolution Resolution, Diagnostic? Problem);

/// <summary>One elaboration: its caches (package values, shared subtrees) and the diagnostics found, then dropped.</summary>
internal sealed class ElaborationRun(UnitTable units, ElaborationOptions options, CancellationToken cancellationToken)
{
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private readonly Dictionary<IndexedUnit, ParameterEnvironment> _packageEnvironments = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, ImmutableArray<HierarchyNode>> _childrenByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<IndexedUnit, int> _unitIds = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<IndexedUnit> _onStack = new(ReferenceEqualityComparer.Instance);
    private Dictionary<string, IndexedUnit>? _packageBodies;
    private int _callDepth;

    public InstanceHierarchy Run()
    {
        ReportDuplicates();
        var tops = ImmutableArray.CreateBuilder<HierarchyNode>();
        if (options.Tops.IsDefaultOrEmpty)
        {
            foreach (var top in FindTops())
            {
                tops.Add(ElaborateTop(top));
            }
        }
        else
        {
            foreach (var name in options.Tops)
            {
                var top = FindUnitByName(name);
                if (top is null)
                {
                    Report(Diagnostic.Create(DiagnosticCatalog.UnknownTop, default, name));
                    continue;
                }

                tops.Add(ElaborateTop(top));
            }
        }

        return new InstanceHierarchy(tops.ToImmutable(), [.. _diagnostics]);
    }

    public ImmutableArray<IndexedUnit> FindTops()
    {
        var interfacesUsedAsPorts = new HashSet<string>(StringComparer.Ordinal);
        var instantiated = new HashSet<IndexedUnit>(ReferenceEqualityComparer.Instance);
        foreach (var unit in units.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // `bus_if.master m` is an interface port by its syntax; `bus_if m` looks like any named type, so every
            // port type's leading name counts and only names of interfaces matter below.
            foreach (var port in unit.Symbol.Ports)
            {
                interfacesUsedAsPorts.Add(port.Type.Text.Split('.', ' ', '[')[0]);
            }

            // A duplicate that lost the lookup is never elaborated, so what only it instantiates must stay a top
            // (picosoc: three testbench modules, and the boards that the losing two instantiate).
            if (!unit.IsVhdl && !ReferenceEquals(units.FindVerilog(unit.Name), unit))
            {
                continue;
            }

            foreach (var instance in unit.Symbol.Instances)
            {
                var binding = Bind(instance, unit);
                if (binding.Unit is not null)
                {
                    instantiated.Add(binding.Unit);
                }
            }
        }

        var tops = ImmutableArray.CreateBuilder<IndexedUnit>();
        foreach (var unit in units.All)
        {
            var isCandidate = unit.Kind switch
            {
                DesignUnitKind.Module or DesignUnitKind.Program or DesignUnitKind.Entity => true,
                DesignUnitKind.Interface => !interfacesUsedAsPorts.Contains(unit.Name),
                _ => false,
            };

            // Only the definition that lookups return can be a top; a duplicate that lost is not elaborated twice.
            if (isCandidate && !instantiated.Contains(unit) && ReferenceEquals(FindSameNamespace(unit), unit))
            {
                tops.Add(unit);
            }
        }

        return tops.ToImmutable();
    }

    public InstanceBinding Bind(InstanceSymbol instance, IndexedUnit parentBody)
    {
        if (instance.Kind == InstanceKind.Primitive)
        {
            return new InstanceBinding(null, null, InstanceResolution.Primitive, null);
        }

        if (!parentBody.IsVhdl)
        {
            var verilogUnit = units.FindVerilog(instance.UnitName);
            if (verilogUnit is not null && verilogUnit.Kind is not (DesignUnitKind.Package or DesignUnitKind.Class))
            {
                return new InstanceBinding(verilogUnit, null, InstanceResolution.Resolved, null);
            }

            var vhdlEntity = FindEntity(units.FindVhdl("work", instance.UnitName)) ?? FindEntity(units.FindVhdlInAnyLibrary(instance.UnitName));
            return vhdlEntity is not null
                ? new InstanceBinding(vhdlEntity, LatestArchitecture(vhdlEntity), InstanceResolution.Resolved, null)
                : Unresolved(instance);
        }

        var parentLibrary = parentBody.Symbol.Library ?? "work";
        var library = instance.Library is null || string.Equals(instance.Library, "work", StringComparison.OrdinalIgnoreCase) ? parentLibrary : instance.Library;
        if (instance.Kind == InstanceKind.Configuration)
        {
            var configuration = units.FindVhdlInNamedLibrary(library, instance.UnitName);
            return configuration is not null
                ? new InstanceBinding(configuration, null, InstanceResolution.Configuration, null)
                : Unresolved(instance);
        }

        var entity = FindEntity(units.FindVhdlInNamedLibrary(library, instance.UnitName));
        if (entity is null && instance.Kind == InstanceKind.Unit)
        {
            // Default binding of a component looks in the instantiating unit's library first, then anywhere.
            entity = FindEntity(units.FindVhdlInAnyLibrary(instance.UnitName));
        }

        if (entity is null)
        {
            var module = units.FindVerilogIgnoringCase(instance.UnitName);
            return module is not null && module.Kind is not (DesignUnitKind.Package or DesignUnitKind.Class)
                ? new InstanceBinding(module, null, InstanceResolution.Resolved, null)
                : Unresolved(instance);
        }

        if (instance.Architecture is null)
        {
            return new InstanceBinding(entity, LatestArchitecture(entity), InstanceResolution.Resolved, null);
        }

        var architectures = units.ArchitecturesOf(entity);
        for (var index = architectures.Length - 1; index >= 0; index--)
        {
            if (string.Equals(architectures[index].Name, instance.Architecture, StringComparison.OrdinalIgnoreCase))
            {
                return new InstanceBinding(entity, architectures[index], InstanceResolution.Resolved, null);
            }
        }

        var problem = Diagnostic.Create(DiagnosticCatalog.UnknownArchitecture, instance.Location, entity.Name, instance.Architecture);
        return new InstanceBinding(entity, LatestArchitecture(entity), InstanceResolution.Resolved, problem);
    }

    private static InstanceBinding Unresolved(InstanceSymbol instance) =>
        new(null, null, InstanceResolution.Unresolved, Diagnostic.Create(DiagnosticCatalog.UnresolvedUnit, instance.Location, instance.InstanceName, instance.UnitName));

    private static IndexedUnit? FindEntity(IndexedUnit? unit) => unit?.Kind == DesignUnitKind.Entity ? unit : null;

    private IndexedUnit? LatestArchitecture(IndexedUnit entity)
    {
        var architectures = units.ArchitecturesOf(entity);
        return architectures.IsEmpty ? null : architectures[^1];
    }

    private IndexedUnit? FindSameNamespace(IndexedUnit unit) =>
        unit.IsVhdl ? units.FindVhdl(unit.Symbol.Library ?? "work", unit.Name) : units.FindVerilog(unit.Name);

    private IndexedUnit? FindUnitByName(string name)
    {
        var verilog = units.FindVerilog(name);
        if (verilog is not null && verilog.Kind is not (DesignUnitKind.Package or DesignUnitKind.Class))
        {
            return verilog;
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var entity = dot > 0 ? FindEntity(units.FindVhdlInNamedLibrary(name[..dot], name[(dot + 1)..])) : FindEntity(units.FindVhdlInAnyLibrary(name));
        return entity ?? units.FindVerilogIgnoringCase(name);
    }

    private void ReportDuplicates()
    {
        foreach (var definitions in units.Duplicates())
        {
            var winner = definitions[^1];
            var related = definitions[..^1].Select(other => new RelatedLocation(other.Symbol.NameLocation, "also defined here")).ToImmutableArray();
            Report(new Diagnostic(DiagnosticCatalog.DuplicateUnit, winner.Symbol.NameLocation, [winner.Name], related));
        }
    }

    private void Report(Diagnostic diagnostic)
    {
        // The same instance site is met once per elaborated occurrence of its parent; report it once.
        var key = $"{diagnostic.Id}|{diagnostic.Location}|{string.Join('|', diagnostic.Arguments)}";
        if (_reported.Add(key))
        {
            _diagnostics.Add(diagnostic);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Elaboration proper

    private HierarchyNode ElaborateTop(IndexedUnit unit)
    {
        var architecture = unit.Kind == DesignUnitKind.Entity ? LatestArchitecture(unit) : null;
        var environment = CreateEnvironment(unit, architecture, [], parentEnvironment: null);
        var node = new HierarchyNode(unit.Name, unit.Name, InstanceResolution.Resolved) { Unit = unit, Architecture = architecture };
        return Complete(node, unit, architecture, environment, depth: 0);
    }

    /// <summary>Fills in parameters, ports and children of a resolved node, sharing children between equal elaborations.</summary>
    private HierarchyNode Complete(HierarchyNode node, IndexedUnit unit, IndexedUnit? architecture, ParameterEnvironment environment, int depth)
    {
        var parameters = unit.Symbol.Parameters
            .Where(parameter => !parameter.IsType)
            .Select(parameter => new ParameterValue(parameter.Name, environment.ExpressionOf(parameter.Name), environment.Lookup(parameter.Name), environment.IsOverridden(parameter.Name), parameter.IsLocal))
            .ToImmutableArray();
        var ports = unit.Symbol.Ports
            .Select(port => new PortValue(port.Name, port.Direction, port.Type.Text, TypeWidth.Of(port.Type, unit.IsVhdl, environment)))
            .ToImmutableArray();
        node = node with { Parameters = parameters, Ports = ports };
        if (node.Resolution == InstanceResolution.Configuration)
        {
            return node;
        }

        if (depth >= options.MaxDepth)
        {
            return node with { Resolution = InstanceResolution.TooDeep };
        }

        var key = $"{UnitId(unit)}/{(architecture is null ? -1 : UnitId(architecture))}/{string.Join(",", parameters.Select(parameter => parameter.Value?.ToString() ?? "?" + parameter.Expression))}";
        if (_childrenByKey.TryGetValue(key, out var shared))
        {
            return node with { Children = shared };
        }

        _onStack.Add(unit);
        var children = ElaborateChildren(architecture ?? unit, environment, depth);
        _onStack.Remove(unit);
        _childrenByKey[key] = children;
        return node with { Children = children };
    }

    private ImmutableArray<HierarchyNode> ElaborateChildren(IndexedUnit body, ParameterEnvironment environment, int depth)
    {
        var blocks = new GenerateScopes(body.Symbol.GenerateBlocks, body.IsVhdl);

        var children = ImmutableArray.CreateBuilder<HierarchyNode>(body.Symbol.Instances.Length);
        foreach (var instance in body.Symbol.Instances)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (selected, loops, conditions) = blocks.Select(instance, environment);
            if (!selected)
            {
                continue;
            }

            var name = instance.Scope is null ? instance.InstanceName : $"{instance.Scope}.{instance.InstanceName}";
            var binding = Bind(instance, body);
            if (binding.Problem is not null)
            {
                Report(binding.Problem);
            }

            var node = new HierarchyNode(name, instance.UnitName, binding.Resolution)
            {
                Unit = binding.Unit,
                Architecture = binding.Architecture,
                Location = instance.Location,
                Scope = instance.Scope,
                Loops = loops,
                Conditions = conditions,
            };
            if (binding.Unit is null)
            {
                children.Add(node);
                continue;
            }

            // A configuration names no ports of its own; its instance's connections are checked when configurations are applied.
            if (binding.Resolution == InstanceResolution.Resolved)
            {
                CheckConnections(instance, binding.Unit, body.IsVhdl || binding.Unit.IsVhdl);
            }

            if (_onStack.Contains(binding.Unit))
            {
                Report(Diagnostic.Create(DiagnosticCatalog.RecursiveInstantiation, instance.Location, binding.Unit.Name, instance.InstanceName));
                children.Add(node with { Resolution = InstanceResolution.Recursive });
                continue;
            }

            var childEnvironment = CreateEnvironment(binding.Unit, binding.Architecture, instance.Parameters, environment);
            children.Add(Complete(node, binding.Unit, binding.Architecture, childEnvironment, depth + 1));
        }

        return children.ToImmutable();
    }

    private void CheckConnections(InstanceSymbol instance, IndexedUnit unit, bool caseInsensitive)
    {
        var comparer = caseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var portNames = new HashSet<string>(unit.Symbol.Ports.Select(port => port.Name), comparer);
        var positionalPorts = 0;
        foreach (var connection in instance.Ports)
        {
            if (connection.Formal is null)
            {
                positionalPorts++;
            }
            else if (!portNames.Contains(FormalName(connection.Formal)))
            {
                Report(Diagnostic.Create(DiagnosticCatalog.UnknownPort, connection.Location, unit.Name, FormalName(connection.Formal)));
            }
        }

        // `m u ();` is one empty positional connection to a unit with no ports, which is fine.
        var emptyOnly = instance.Ports.All(connection => string.IsNullOrWhiteSpace(connection.Actual));
        if (positionalPorts > unit.Symbol.Ports.Length && !(unit.Symbol.Ports.Length == 0 && emptyOnly))
        {
            Report(Diagnostic.Create(DiagnosticCatalog.TooManyPortConnections, instance.Location, instance.InstanceName,
                positionalPorts.ToString(CultureInfo.InvariantCulture), unit.Name, unit.Symbol.Ports.Length.ToString(CultureInfo.InvariantCulture)));
        }

        var parameterNames = new HashSet<string>(unit.Symbol.Parameters.Select(parameter => parameter.Name), comparer);
        var overridable = unit.Symbol.Parameters.Count(parameter => !parameter.IsLocal);
        var positionalParameters = 0;
        foreach (var connection in instance.Parameters)
        {
            if (connection.Formal is null)
            {
                positionalParameters++;
            }
            else if (!parameterNames.Contains(FormalName(connection.Formal)))
            {
                Report(Diagnostic.Create(DiagnosticCatalog.UnknownParameter, connection.Location, unit.Name, FormalName(connection.Formal)));
            }
        }

        if (positionalParameters > overridable)
        {
            Report(Diagnostic.Create(DiagnosticCatalog.TooManyParameterOverrides, instance.Location, instance.InstanceName,
                positionalParameters.ToString(CultureInfo.InvariantCulture), unit.Name, overridable.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>The port a formal names: VHDL partial association `data(3 downto 0) => x` names `data`.</summary>
    private static string FormalName(string formal)
    {
        var cut = formal.IndexOfAny(['(', '[', ' ']);
        return cut < 0 ? formal : formal[..cut];
    }

    /// <summary>
    /// The parameters of an elaborated unit: overrides from the instance (evaluated where the instance is written),
    /// else defaults (evaluated here), then constants of the body; other names come from imported packages.
    /// </summary>
    private ParameterEnvironment CreateEnvironment(IndexedUnit unit, IndexedUnit? architecture, ImmutableArray<ConnectionSymbol> overrides, ParameterEnvironment? parentEnvironment)
    {
        var imports = unit.Symbol.Imports.AddRange(architecture?.Symbol.Imports ?? []);
        ImmutableArray<IndexedUnit> functionBodies = unit.Kind == DesignUnitKind.Package
            ? (FindPackageBody(unit) is { } packageBody ? [packageBody] : [])
            : architecture is null ? [unit] : [unit, architecture];
        if (unit.Kind == DesignUnitKind.Package && functionBodies.Length == 1)
        {
            imports = imports.AddRange(functionBodies[0].Symbol.Imports);
        }

        ParameterEnvironment? environment = null;
        environment = new ParameterEnvironment(
            unit.IsVhdl,
            name => LookupInPackages(name, imports, unit.IsVhdl),
            (name, arguments) => CallFunction(name, arguments, functionBodies, imports, unit.IsVhdl, environment!));
        var overridable = unit.Symbol.Parameters.Where(parameter => !parameter.IsLocal && !parameter.IsType).ToList();
        // Case is ignored so a VHDL generic map can override a Verilog parameter written in another case.
        var overrideByName = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var connection in overrides)
        {
            if (connection.Formal is not null)
            {
                overrideByName[FormalName(connection.Formal)] = connection.Actual;
            }
            else if (connection.Position < overridable.Count)
            {
                overrideByName[overridable[connection.Position].Name] = connection.Actual;
            }
        }

        foreach (var parameter in unit.Symbol.Parameters)
        {
            var declaredType = unit.IsVhdl ? parameter.Type.Text : null;
            if (!parameter.IsLocal && parentEnvironment is not null && overrideByName.TryGetValue(parameter.Name, out var actual) && !string.IsNullOrWhiteSpace(actual))
            {
                environment.DefineOverride(parameter.Name, actual, parentEnvironment, declaredType);
            }
            else
            {
                environment.Define(parameter.Name, parameter.DefaultValue, evaluateIn: null, declaredType);
            }
        }

        foreach (var body in architecture is null ? [unit] : new[] { unit, architecture })
        {
            foreach (var declaration in body.Symbol.Declarations)
            {
                if (declaration.Scope is not null || environment.Defines(declaration.Name))
                {
                    continue;
                }

                if (declaration.Kind == DeclarationKind.Constant)
                {
                    environment.Define(declaration.Name, declaration.InitialValue, evaluateIn: null, unit.IsVhdl ? declaration.Type.Text : null);
                }
                else if (declaration.Kind == DeclarationKind.EnumMember)
                {
                    DefineEnumMember(environment, declaration, body.Symbol.Declarations, unit.IsVhdl);
                }
            }
        }

        return environment;
    }

    /// <summary>
    /// A VHDL enumeration literal is a value of its type at its position; a SystemVerilog enum member is an integer,
    /// the one written or the previous member's plus one.
    /// </summary>
    private static void DefineEnumMember(ParameterEnvironment environment, DeclarationSymbol member, ImmutableArray<DeclarationSymbol> declarations, bool isVhdl)
    {
        var siblings = declarations
            .Where(other => other.Kind == DeclarationKind.EnumMember && other.Scope is null && other.Type.Text == member.Type.Text)
            .ToList();
        var position = siblings.FindIndex(other => ReferenceEquals(other, member));
        if (isVhdl)
        {
            environment.DefineValue(member.Name, ConstantValue.OfEnumeration(member.Type.Text, member.Name, position));
            return;
        }

        var expression = member.InitialValue ?? (position == 0 ? "0" : $"{siblings[position - 1].Name} + 1");
        environment.Define(member.Name, expression, evaluateIn: null);
    }

    /// <summary>A name not declared in the unit: `pkg::N` / `lib.pkg.N`, or a name made visible by an import.</summary>
    private ConstantValue? LookupInPackages(string name, ImmutableArray<ImportSymbol> imports, bool isVhdl)
    {
        var separator = name.LastIndexOf("::", StringComparison.Ordinal);
        if (separator > 0)
        {
            return PackageEnvironment(name[..separator], library: null, isVhdl: false)?.Lookup(name[(separator + 2)..]);
        }

        var dot = name.LastIndexOf('.');
        if (dot > 0)
        {
            var qualifier = name[..dot];
            var libraryDot = qualifier.LastIndexOf('.');
            var packageName = libraryDot < 0 ? qualifier : qualifier[(libraryDot + 1)..];
            var library = libraryDot < 0 ? null : qualifier[..libraryDot];
            return PackageEnvironment(packageName, library, isVhdl)?.Lookup(name[(dot + 1)..]);
        }

        foreach (var import in imports)
        {
            var importsAll = import.Item is null or "*" || string.Equals(import.Item, "all", StringComparison.OrdinalIgnoreCase);
            var importsName = importsAll || string.Equals(import.Item, name, isVhdl ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
            if (!importsName)
            {
                continue;
            }

            var package = PackageEnvironment(import.Package, import.Library, isVhdl);
            if (package is not null && package.Defines(name))
            {
                return package.Lookup(name);
            }
        }

        return null;
    }

    private ParameterEnvironment? PackageEnvironment(string packageName, string? library, bool isVhdl)
    {
        var package = isVhdl
            ? (library is null || string.Equals(library, "work", StringComparison.OrdinalIgnoreCase) ? units.FindVhdlInAnyLibrary(packageName) : units.FindVhdlInNamedLibrary(library, packageName))
            : units.FindVerilog(packageName) ?? units.FindVhdlInAnyLibrary(packageName);
        if (package is null || package.Kind != DesignUnitKind.Package)
        {
            return null;
        }

        if (_packageEnvironments.TryGetValue(package, out var existing))
        {
            return existing;
        }

        var environment = CreateEnvironment(package, architecture: null, [], parentEnvironment: null);
        _packageEnvironments[package] = environment;
        return environment;
    }

    /// <summary>
    /// A call to a function of the design whose body is one return expression (see
    /// <see cref="SubprogramSymbol.ReturnExpression"/>): looked up in the unit itself, else in the package a
    /// qualified name or an import names; the arguments are bound by position and the expression evaluated where the
    /// function is declared. Two candidates with the same name and argument count (overloads) are not resolved.
    /// </summary>
    private ConstantValue? CallFunction(string name, IReadOnlyList<ConstantValue> arguments, ImmutableArray<IndexedUnit> ownBodies, ImmutableArray<ImportSymbol> imports, bool isVhdl, ParameterEnvironment home)
    {
        if (!isVhdl || _callDepth > 32)
        {
            return null;
        }

        // Packages that use each other (broken code) would otherwise call back and forth for ever.
        _callDepth++;
        try
        {
            return ResolveCall(name, arguments, ownBodies, imports, home);
        }
        finally
        {
            _callDepth--;
        }
    }

    private ConstantValue? ResolveCall(string name, IReadOnlyList<ConstantValue> arguments, ImmutableArray<IndexedUnit> ownBodies, ImmutableArray<ImportSymbol> imports, ParameterEnvironment home)
    {

        var dot = name.LastIndexOf('.');
        if (dot > 0)
        {
            var qualifier = name[..dot];
            var libraryDot = qualifier.LastIndexOf('.');
            var package = PackageEnvironment(libraryDot < 0 ? qualifier : qualifier[(libraryDot + 1)..], libraryDot < 0 ? null : qualifier[..libraryDot], isVhdl: true);
            return package is null ? null : package.Call(name[(dot + 1)..], arguments);
        }

        var own = Candidates(ownBodies, name, arguments.Count);
        if (own.Count > 0)
        {
            return own.Count == 1 ? Invoke(own[0], arguments, home) : null;
        }

        foreach (var import in imports)
        {
            var importsName = import.Item is null || string.Equals(import.Item, "all", StringComparison.OrdinalIgnoreCase) || string.Equals(import.Item, name, StringComparison.OrdinalIgnoreCase);
            if (importsName && PackageEnvironment(import.Package, import.Library, isVhdl: true) is { } package && package.Call(name, arguments) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    private static List<SubprogramSymbol> Candidates(ImmutableArray<IndexedUnit> bodies, string name, int argumentCount) =>
        [.. bodies.SelectMany(body => body.Symbol.Subprograms)
            .Where(subprogram => subprogram.ReturnExpression is not null && subprogram.Arguments.Length == argumentCount && string.Equals(subprogram.Name, name, StringComparison.OrdinalIgnoreCase))];

    private static ConstantValue? Invoke(SubprogramSymbol function, IReadOnlyList<ConstantValue> arguments, ParameterEnvironment home)
    {
        var frame = new ParameterEnvironment(isVhdl: true, home.Lookup, home.Call);
        for (var index = 0; index < arguments.Count; index++)
        {
            frame.DefineValue(function.Arguments[index].Name, arguments[index]);
        }

        return frame.Evaluate(function.ReturnExpression);
    }

    /// <summary>The body of a VHDL package: in the package's library, else in any.</summary>
    private IndexedUnit? FindPackageBody(IndexedUnit package)
    {
        if (_packageBodies is null)
        {
            _packageBodies = new Dictionary<string, IndexedUnit>(StringComparer.OrdinalIgnoreCase);
            foreach (var unit in units.All.Where(unit => unit.Kind == DesignUnitKind.PackageBody))
            {
                _packageBodies[$"{unit.Symbol.Library ?? "work"}.{unit.Name}"] = unit;
                _packageBodies[unit.Name] = unit;
            }
        }

        return _packageBodies.GetValueOrDefault($"{package.Symbol.Library ?? "work"}.{package.Name}") ?? _packageBodies.GetValueOrDefault(package.Name);
    }

    private int UnitId(IndexedUnit unit)
    {
        if (!_unitIds.TryGetValue(unit, out var id))
        {
            id = _unitIds.Count;
            _unitIds[unit] = id;
        }

        return id;
    }
}
