using System.Collections.Immutable;
using Hdl.Design.Binding;
using Hdl.Design.Model;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Text;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Binding;

/// <summary>One identifier use after the workspace finished binding it: where it is and what it binds to (none, one, or several for `.*`).</summary>
public sealed record BoundReference(string Name, Location Location, ReferenceKind Kind, ImmutableArray<Location> Definitions, IndexedUnit Unit)
{
    public bool IsBound => !Definitions.IsDefaultOrEmpty;
}

/// <summary>A definition with the unit it belongs to.</summary>
public sealed record BoundDefinition(DefinitionSymbol Symbol, IndexedUnit Unit);

/// <summary>How many references binding bound and how many it could not (by reference kind), over one snapshot.</summary>
/// <param name="External">Unbound plain names that come from something the workspace lacks (VHDL standard libraries, unknown packages).</param>
public sealed record BindingCounts(int Bound, int Unbound, int UnboundNames, int External, int Reported);

/// <summary>
/// Every reference of a snapshot bound across files: the file binders did what one file allows (scopes, locals,
/// same-file packages); here the rest is looked up through imports and `use` clauses, the units of instances, the
/// ports and parameters of instantiated units, an architecture's entity and the compilation unit. Built once per
/// <see cref="WorkspaceIndex"/> on first use, so a query costs dictionary lookups, not a scan of the workspace.
/// </summary>
public sealed class WorkspaceBindings
{
    private readonly WorkspaceIndex _index;
    private readonly Dictionary<DesignUnitSymbol, Dictionary<string, DefinitionSymbol>> _exports = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, DefinitionSymbol> _compilationUnit = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<BoundReference>> _referencesByPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<BoundDefinition>> _definitionsByPath = new(StringComparer.Ordinal);
    private readonly Dictionary<Location, BoundDefinition> _definitionsByLocation = [];
    private readonly Dictionary<Location, List<BoundReference>> _referencesByDefinition = [];
    private readonly Dictionary<string, List<string>> _unitsByPackage = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<IndexedUnit>> _unitsByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Diagnostic> _diagnostics = [];
    private int _bound;
    private int _unbound;
    private int _unboundNames;
    private int _external;

    private WorkspaceBindings(WorkspaceIndex index)
    {
        _index = index;
    }

    /// <summary>Unresolved identifiers, packages and package members (HDL3001–HDL3003), in file order.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; private set; } = [];

    public BindingCounts Counts => new(_bound, _unbound, _unboundNames, _external, Diagnostics.Length);

    public static WorkspaceBindings Build(WorkspaceIndex index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        var bindings = new WorkspaceBindings(index);
        bindings.Collect(cancellationToken);
        return bindings;
    }

    /// <summary>References and definitions in a file, in source order.</summary>
    public IReadOnlyList<BoundReference> ReferencesIn(string path) => _referencesByPath.TryGetValue(path, out var list) ? list : [];

    public IReadOnlyList<BoundDefinition> DefinitionsIn(string path) => _definitionsByPath.TryGetValue(path, out var list) ? list : [];

    public BoundDefinition? DefinitionAt(Location location) => _definitionsByLocation.GetValueOrDefault(location);

    /// <summary>Every use that binds to the definition at <paramref name="definition"/>.</summary>
    public IReadOnlyList<BoundReference> ReferencesTo(Location definition) => _referencesByDefinition.TryGetValue(definition, out var list) ? list : [];

    /// <summary>Units that import, `use` or name members of the package.</summary>
    public ImmutableArray<string> UnitsUsing(string package) => _unitsByPackage.TryGetValue(package, out var list) ? [.. list] : [];

    private void Collect(CancellationToken cancellationToken)
    {
        foreach (var unit in _index.Units.All)
        {
            Add(_unitsByName, unit.Name, unit);
            var exports = new Dictionary<string, DefinitionSymbol>(unit.IsVhdl ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
            foreach (var definition in unit.Symbol.Definitions)
            {
                if (definition.IsUnitLevel && definition.Kind is not (DefinitionKind.Unit or DefinitionKind.Package) || definition.Location == unit.Symbol.NameLocation)
                {
                    exports.TryAdd(definition.Name, definition);
                }

                AddDefinition(definition, unit);
            }

            _exports[unit.Symbol] = exports;
            if (!unit.IsVhdl && unit.Name == "$unit")
            {
                foreach (var (name, definition) in exports)
                {
                    _compilationUnit.TryAdd(name, definition);
                }
            }
        }

        var unitsByPath = new Dictionary<string, List<IndexedUnit>>(StringComparer.Ordinal);
        foreach (var unit in _index.Units.All)
        {
            Add(unitsByPath, unit.Path, unit);
        }

        foreach (var file in _index.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.Design is null || !unitsByPath.TryGetValue(file.Path, out var units))
            {
                continue;
            }

            // A header the preprocessor could not find may declare anything: names in the file are not reported.
            var missingInclude = file.Diagnostics.Any(diagnostic => diagnostic.Id == DiagnosticCatalog.IncludeNotFound.Id);
            var fileUnit = units.FirstOrDefault(unit => unit.Name == "$unit" && !unit.IsVhdl);
            foreach (var unit in units)
            {
                BindUnit(new UnitContext(this, unit, units, fileUnit, missingInclude));
            }
        }

        foreach (var list in _referencesByPath.Values)
        {
            list.Sort((left, right) => left.Location.Span.Start.CompareTo(right.Location.Span.Start));
        }

        Diagnostics = [.. _diagnostics];
    }

    private void AddDefinition(DefinitionSymbol definition, IndexedUnit unit)
    {
        var bound = new BoundDefinition(definition, unit);
        if (_definitionsByLocation.TryAdd(definition.Location, bound))
        {
            Add(_definitionsByPath, definition.Location.Path, bound);
        }
    }

    private void BindUnit(UnitContext context)
    {
        var unit = context.Unit;
        var implicitNets = new Dictionary<string, Location>(StringComparer.Ordinal);
        var reportedPackages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var import in context.Imports)
        {
            NoteUse(import.Package, unit);
        }

        // Implicit nets first: a name used in a port connection or assign target before any use declares a net there.
        if (!unit.IsVhdl)
        {
            foreach (var reference in unit.Symbol.References)
            {
                if (reference.ImplicitNet && reference.Definition is null && reference.Kind == ReferenceKind.Name && !implicitNets.ContainsKey(reference.Name)
                    && context.ResolveName(reference.Name) is null)
                {
                    implicitNets[reference.Name] = reference.Location;
                }
            }
        }

        foreach (var reference in unit.Symbol.References)
        {
            var definitions = reference.Definition is { } local ? [local] : Resolve(reference, context, implicitNets);
            if (reference.Kind is ReferenceKind.Package or ReferenceKind.PackageMember && (reference.Kind == ReferenceKind.Package ? reference.Name : reference.Qualifier) is { } package)
            {
                NoteUse(package, unit);
            }

            var bound = new BoundReference(reference.Name, reference.Location, reference.Kind, definitions, unit);
            Add(_referencesByPath, reference.Location.Path, bound);
            if (definitions.IsEmpty)
            {
                _unbound++;
                if (reference.Kind == ReferenceKind.Name)
                {
                    _unboundNames++;
                    if (context.MayComeFromElsewhere(reference.Name))
                    {
                        _external++;
                    }
                }

                Report(reference, context, reportedPackages);
                continue;
            }

            _bound++;
            foreach (var definition in definitions)
            {
                Add(_referencesByDefinition, definition, bound);
            }
        }
    }

    private ImmutableArray<Location> Resolve(ReferenceSymbol reference, UnitContext context, Dictionary<string, Location> implicitNets)
    {
        switch (reference.Kind)
        {
            case ReferenceKind.Name:
                {
                    var definition = context.ResolveName(reference.Name);
                    if (definition is not null)
                    {
                        return [definition.Location];
                    }

                    return implicitNets.TryGetValue(reference.Name, out var net) ? [net] : [];
                }

            case ReferenceKind.Package:
                return context.FindPackage(reference.Name, reference.Library) is { } package ? [package.Symbol.NameLocation] : [];
            case ReferenceKind.PackageMember:
                {
                    var qualifier = reference.Qualifier is null ? null : context.FindPackage(reference.Qualifier, reference.Library);
                    return qualifier is not null && ExportsOf(qualifier.Symbol).TryGetValue(reference.Name, out var member) ? [member.Location] : [];
                }

            case ReferenceKind.Unit:
                return context.FindUnit(reference.Name, reference.Library) is { } found ? [found.Symbol.NameLocation] : [];
            case ReferenceKind.PortFormal or ReferenceKind.ParameterFormal:
                return ResolveFormal(reference, context);
            case ReferenceKind.Member:
                return context.ResolveMember(reference) is { } memberDefinition ? [memberDefinition.Location] : [];
            default:
                return [];
        }
    }

    private ImmutableArray<Location> ResolveFormal(ReferenceSymbol reference, UnitContext context)
    {
        if (reference.Qualifier is null)
        {
            return [];
        }

        var wanted = reference.Kind == ReferenceKind.PortFormal ? DefinitionKind.Port : DefinitionKind.Parameter;
        var child = context.FindUnit(reference.Qualifier, reference.Library);
        IEnumerable<DefinitionSymbol> candidates;
        if (child is not null)
        {
            candidates = ExportsOf(child.Symbol).Values;
        }
        else
        {
            // A VHDL component with no entity in the workspace: its own declaration's ports.
            candidates = context.Unit.Symbol.Definitions.Where(definition =>
                !definition.IsUnitLevel && string.Equals(definition.Container, reference.Qualifier, StringComparison.OrdinalIgnoreCase));
        }

        var comparison = context.Unit.IsVhdl || child?.IsVhdl == true ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var builder = ImmutableArray.CreateBuilder<Location>();
        foreach (var candidate in candidates)
        {
            if (candidate.Kind != wanted && !(wanted == DefinitionKind.Parameter && candidate.Kind == DefinitionKind.Type))
            {
                continue;
            }

            if (reference.IsWildcard)
            {
                // `.*` connects every port to the visible signal of the same name: the site refers to both.
                var local = context.ResolveName(candidate.Name);
                if (local is not null)
                {
                    builder.Add(candidate.Location);
                    builder.Add(local.Location);
                }
            }
            else if (string.Equals(candidate.Name, reference.Name, comparison))
            {
                builder.Add(candidate.Location);
                break;
            }
        }

        return builder.ToImmutable();
    }

    private void Report(ReferenceSymbol reference, UnitContext context, HashSet<string> reportedPackages)
    {
        if (!reference.Reportable)
        {
            return;
        }

        switch (reference.Kind)
        {
            case ReferenceKind.Name when !context.MayComeFromElsewhere(reference.Name):
                _diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.UnresolvedIdentifier, reference.Location, reference.Name));
                break;
            case ReferenceKind.Package when !(context.Unit.IsVhdl && IsStandard(reference.Library, reference.Name, context)) && reportedPackages.Add(reference.Name):
                _diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.UnresolvedPackage, reference.Location, reference.Library is null ? reference.Name : $"{reference.Library}.{reference.Name}"));
                break;
            case ReferenceKind.PackageMember when reference.Qualifier is not null:
                {
                    var package = context.FindPackage(reference.Qualifier, reference.Library);
                    if (package is not null && package.Kind != DesignUnitKind.Class && !reference.Name.Equals("all", StringComparison.OrdinalIgnoreCase))
                    {
                        _diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.UnresolvedPackageMember, reference.Location, reference.Qualifier, reference.Name));
                    }

                    break;
                }

            default:
                break;
        }
    }

    private static bool IsStandard(string? library, string package, UnitContext context) =>
        VhdlPredefined.IsStandardLibrary(library) || (library is null && context.IsLibraryName(package));

    private Dictionary<string, DefinitionSymbol> ExportsOf(DesignUnitSymbol unit) =>
        _exports.TryGetValue(unit, out var exports) ? exports : [];

    private void NoteUse(string package, IndexedUnit unit)
    {
        if (!_unitsByPackage.TryGetValue(package, out var list))
        {
            list = [];
            _unitsByPackage[package] = list;
        }

        if (!list.Contains(unit.Name))
        {
            list.Add(unit.Name);
        }
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        list.Add(value);
    }

    /// <summary>What a unit sees beyond its own file: its imports, its entity or package, the compilation unit.</summary>
    private sealed class UnitContext
    {
        private readonly WorkspaceBindings _bindings;
        private readonly List<IndexedUnit> _companions = [];
        private readonly List<IndexedUnit> _wildcardPackages = [];

        public UnitContext(WorkspaceBindings bindings, IndexedUnit unit, List<IndexedUnit> sameFile, IndexedUnit? fileUnit, bool missingInclude)
        {
            _bindings = bindings;
            Unit = unit;
            FileUnit = ReferenceEquals(fileUnit, unit) ? null : fileUnit;
            HidesUnknownNames = missingInclude;
            var units = bindings._index.Units;
            if (unit.IsVhdl && unit.Symbol.Owner is { } owner && unit.Kind is DesignUnitKind.Architecture or DesignUnitKind.PackageBody or DesignUnitKind.Configuration)
            {
                // The entity or package in the same file first: a name defined in several files (variants of one
                // package for different tools) binds its body to the declaration beside it.
                var companion = sameFile.LastOrDefault(candidate => candidate.Kind is DesignUnitKind.Entity or DesignUnitKind.Package
                        && candidate.Name.Equals(owner, StringComparison.OrdinalIgnoreCase))
                    ?? units.FindVhdl(unit.Symbol.Library ?? "work", owner) ?? units.FindVhdlInAnyLibrary(owner);
                if (companion is not null)
                {
                    _companions.Add(companion);
                }
            }

            var imports = new List<ImportSymbol>(unit.Symbol.Imports);
            foreach (var companion in _companions)
            {
                imports.AddRange(companion.Symbol.Imports);
            }

            if (FileUnit is not null)
            {
                imports.AddRange(FileUnit.Symbol.Imports);
            }

            // A VHDL context reference brings the context's own use clauses (and nested contexts) in.
            for (var at = 0; unit.IsVhdl && at < imports.Count && imports.Count < 1000; at++)
            {
                if (imports[at].Item is null && FindUnit(imports[at].Package, imports[at].Library) is { Kind: DesignUnitKind.Context } context)
                {
                    imports.AddRange(context.Symbol.Imports.Where(inner => !imports.Contains(inner)));
                }
            }

            Imports = imports;
            foreach (var import in imports)
            {
                if (import.Item is not null)
                {
                    continue;
                }

                if (unit.IsVhdl && IsLibraryName(import.Package) && import.Library is null)
                {
                    // `use work.all`: the library's units are visible by name anyway.
                    continue;
                }

                var package = FindPackage(import.Package, import.Library);
                if (package is null && unit.IsVhdl && FindUnit(import.Package, import.Library)?.Kind == DesignUnitKind.Context)
                {
                    continue;
                }

                if (package is not null)
                {
                    _wildcardPackages.Add(package);

                    // A package defined in several files (variants for different tools): names of any variant are known.
                    foreach (var variant in bindings._unitsByName.GetValueOrDefault(package.Name) ?? [])
                    {
                        if (!ReferenceEquals(variant, package) && variant.Kind == package.Kind && variant.IsVhdl == package.IsVhdl
                            && variant.Name.Equals(package.Name, unit.IsVhdl ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
                        {
                            _wildcardPackages.Add(variant);
                        }
                    }
                }
                else if (!(unit.IsVhdl && VhdlPredefined.IsKnownPackage(import.Library, import.Package)))
                {
                    // A package we do not have may declare any name: its users' names are not reported.
                    HidesUnknownNames = true;
                }
            }
        }

        public IndexedUnit Unit { get; }

        public IndexedUnit? FileUnit { get; }

        public List<ImportSymbol> Imports { get; }

        public bool HidesUnknownNames { get; }

        /// <summary>True when an unbound name may be declared by something binding does not see (an unknown package, the VHDL standard libraries).</summary>
        public bool MayComeFromElsewhere(string name)
        {
            if (HidesUnknownNames || (Unit.IsVhdl && VhdlPredefined.Contains(name)))
            {
                return true;
            }

            var comparison = Unit.IsVhdl ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            foreach (var import in Imports)
            {
                if (import.Item is not null && string.Equals(import.Item, name, comparison) && FindPackage(import.Package, import.Library) is null)
                {
                    return true;
                }
            }

            return false;
        }

        public bool IsLibraryName(string name) =>
            name.Equals("work", StringComparison.OrdinalIgnoreCase) || VhdlPredefined.IsStandardLibrary(name)
            || string.Equals(name, Unit.Symbol.Library, StringComparison.OrdinalIgnoreCase)
            || Imports.Any(import => import.Library is not null && import.Library.Equals(name, StringComparison.OrdinalIgnoreCase));

        /// <summary>A name the unit's own file could not bind: its entity or package, imports, the compilation unit, global units.</summary>
        public DefinitionSymbol? ResolveName(string name)
        {
            foreach (var companion in _companions)
            {
                if (_bindings.ExportsOf(companion.Symbol).TryGetValue(name, out var found))
                {
                    return found;
                }
            }

            if (_bindings.ExportsOf(Unit.Symbol).TryGetValue(name, out var own))
            {
                return own;
            }

            var comparison = Unit.IsVhdl ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            foreach (var import in Imports)
            {
                if (import.Item is null || FindPackage(import.Package, import.Library) is not { } package
                    || !_bindings.ExportsOf(package.Symbol).TryGetValue(name, out var item))
                {
                    continue;
                }

                // `use pkg.state_t` also makes the enumeration literals of state_t visible (VHDL-2008 §12.4).
                if (string.Equals(import.Item, name, comparison)
                    || (Unit.IsVhdl && item.Kind == DefinitionKind.EnumMember && string.Equals(item.TypeName, import.Item, comparison)))
                {
                    return item;
                }
            }

            foreach (var package in _wildcardPackages)
            {
                if (_bindings.ExportsOf(package.Symbol).TryGetValue(name, out var member))
                {
                    return member;
                }
            }

            if (Unit.IsVhdl)
            {
                var vhdlUnit = _bindings._index.Units.FindVhdl(Unit.Symbol.Library ?? "work", name);
                return vhdlUnit is null ? null : UnitDefinition(vhdlUnit);
            }

            if (FileUnit is not null && _bindings.ExportsOf(FileUnit.Symbol).TryGetValue(name, out var compilationUnitName))
            {
                return compilationUnitName;
            }

            var global = _bindings._index.Units.FindVerilog(name);
            if (global is not null)
            {
                return UnitDefinition(global);
            }

            return _bindings._compilationUnit.GetValueOrDefault(name);
        }

        public IndexedUnit? FindPackage(string name, string? library)
        {
            var units = _bindings._index.Units;
            if (!Unit.IsVhdl)
            {
                if (name == "$unit")
                {
                    return FileUnit ?? (Unit.Name == "$unit" ? Unit : null);
                }

                var found = units.FindVerilog(name);
                return found?.Kind is DesignUnitKind.Package or DesignUnitKind.Class or DesignUnitKind.Interface ? found : null;
            }

            var lib = library is null || library.Equals("work", StringComparison.OrdinalIgnoreCase) ? Unit.Symbol.Library ?? "work" : library;
            var vhdl = units.FindVhdl(lib, name) ?? units.FindVhdlInAnyLibrary(name);
            return vhdl?.Kind == DesignUnitKind.Package ? vhdl : null;
        }

        public IndexedUnit? FindUnit(string name, string? library)
        {
            var units = _bindings._index.Units;
            if (!Unit.IsVhdl)
            {
                return units.FindVerilog(name) ?? units.FindVhdlInAnyLibrary(name);
            }

            var lib = library is null || library.Equals("work", StringComparison.OrdinalIgnoreCase) ? Unit.Symbol.Library ?? "work" : library;
            return units.FindVhdl(lib, name) ?? units.FindVhdlInAnyLibrary(name) ?? units.FindVerilogIgnoringCase(name);
        }

        /// <summary>`x.f` where the file could not bind `f`: through the prefix's type, or a prefix naming a package or unit.</summary>
        public DefinitionSymbol? ResolveMember(ReferenceSymbol reference)
        {
            if (reference.Qualifier is { } typeName)
            {
                return MemberOfType(typeName, reference.Name);
            }

            if (reference.Prefix is not { } prefix)
            {
                return null;
            }

            var prefixDefinition = ResolveName(prefix);
            if (prefixDefinition is null)
            {
                var unit = Unit.IsVhdl ? FindPackage(prefix, null) : _bindings._index.Units.FindVerilog(prefix);
                return unit is null ? null : _bindings.ExportsOf(unit.Symbol).GetValueOrDefault(reference.Name);
            }

            if (prefixDefinition.Kind is DefinitionKind.Package or DefinitionKind.Unit && _bindings.DefinitionAt(prefixDefinition.Location) is { } owner
                && owner.Unit.Symbol.NameLocation == prefixDefinition.Location)
            {
                return _bindings.ExportsOf(owner.Unit.Symbol).GetValueOrDefault(reference.Name);
            }

            return prefixDefinition.TypeName is { } prefixType ? MemberOfType(prefixType, reference.Name) : null;
        }

        private DefinitionSymbol? MemberOfType(string typeName, string member)
        {
            DefinitionSymbol? type;
            var separator = typeName.LastIndexOf("::", StringComparison.Ordinal);
            if (separator > 0)
            {
                var package = FindPackage(typeName[..separator], null);
                type = package is null ? null : _bindings.ExportsOf(package.Symbol).GetValueOrDefault(typeName[(separator + 2)..]);
            }
            else
            {
                type = ResolveName(typeName);
            }

            if (type is null)
            {
                var unit = Unit.IsVhdl ? null : _bindings._index.Units.FindVerilog(typeName);
                return unit is null ? null : _bindings.ExportsOf(unit.Symbol).GetValueOrDefault(member);
            }

            var owner = _bindings.DefinitionAt(type.Location);
            if (owner is null)
            {
                return null;
            }

            if (owner.Unit.Symbol.NameLocation == type.Location)
            {
                return _bindings.ExportsOf(owner.Unit.Symbol).GetValueOrDefault(member);
            }

            var comparison = owner.Unit.IsVhdl ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            var memberOf = type.TypeName is { } aliased && type.Kind == DefinitionKind.Type && !owner.Unit.Symbol.Definitions.Any(field => field.MemberOf == type.Name) ? aliased : type.Name;
            foreach (var definition in owner.Unit.Symbol.Definitions)
            {
                if (definition.Kind == DefinitionKind.Field && string.Equals(definition.MemberOf, memberOf, comparison) && string.Equals(definition.Name, member, comparison))
                {
                    return definition;
                }
            }

            return null;
        }

        private DefinitionSymbol? UnitDefinition(IndexedUnit unit) =>
            _bindings.DefinitionAt(unit.Symbol.NameLocation)?.Symbol;
    }
}
