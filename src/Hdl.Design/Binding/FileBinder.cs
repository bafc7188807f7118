using System.Collections.Immutable;
using Hdl.Design.Model;
using Hdl.Syntax;
using Hdl.Syntax.Text;

namespace Hdl.Design.Binding;

/// <summary>
/// Binding shared by both languages: the language walkers declare names into scopes and record name chains; once the
/// walk is over (so a use may precede its declaration, as functions and VHDL subprograms allow) every chain is bound
/// through the scopes of the file. What the file cannot bind is kept with enough context (kind, qualifier, prefix) for
/// the workspace to finish across files.
/// </summary>
internal abstract class FileBinder
{
    private readonly List<PendingChain> _pending = [];
    private readonly Dictionary<DefinitionSymbol, BindingScope> _scopeOf = new(ReferenceEqualityComparer.Instance);
    private readonly List<UnitBucket> _buckets = [];

    protected FileBinder(StringComparer comparer)
    {
        Comparer = comparer;
        FileBucket = new UnitBucket(null);
        _buckets.Add(FileBucket);
        FileScope = new BindingScope(null, "$unit", FileBucket, isUnit: true, comparer);
    }

    protected StringComparer Comparer { get; }

    protected BindingScope FileScope { get; }

    protected UnitBucket FileBucket { get; }

    /// <summary>Binds every recorded chain and hands the results to the units of the model, matched by where their name stands.</summary>
    public ImmutableArray<DesignUnitSymbol> Complete(ImmutableArray<DesignUnitSymbol> units)
    {
        foreach (var chain in _pending)
        {
            Bind(chain);
        }

        var byName = new Dictionary<Location, UnitBucket>();
        foreach (var bucket in _buckets)
        {
            if (bucket.UnitName is { } location)
            {
                byName.TryAdd(location, bucket);
            }
        }

        var result = ImmutableArray.CreateBuilder<DesignUnitSymbol>(units.Length);
        foreach (var unit in units)
        {
            var bucket = unit.Name == "$unit" && unit.NameLocation.Span.Start == 0 ? FileBucket : byName.GetValueOrDefault(unit.NameLocation);
            result.Add(bucket is null ? unit : unit with { Definitions = [.. bucket.Definitions], References = [.. bucket.References] });
        }

        return result.MoveToImmutable();
    }

    protected BindingScope OpenUnit(BindingScope parent, string name, Location nameLocation)
    {
        var bucket = new UnitBucket(nameLocation);
        _buckets.Add(bucket);
        return new BindingScope(parent, name, bucket, isUnit: true, Comparer);
    }

    protected static BindingScope OpenScope(BindingScope parent, string? name) => new(parent, name ?? parent.Name, parent.Bucket, isUnit: false, parent.Names.Comparer as StringComparer ?? StringComparer.Ordinal);

    /// <summary>Makes <paramref name="scope"/> what `.` after <paramref name="definition"/> looks into (units, blocks, struct types).</summary>
    protected void SetMemberScope(DefinitionSymbol definition, BindingScope scope) => _scopeOf[definition] = scope;

    protected BindingScope? MemberScopeOf(DefinitionSymbol definition) => _scopeOf.GetValueOrDefault(definition);

    /// <summary>
    /// Declares a name in a scope. A second declaration of a name in the same scope (a non-ANSI port and its net
    /// declaration, a subprogram body after its declaration) binds to the first instead.
    /// </summary>
    /// <param name="into">The unit whose list receives the definition when it is not the scope's own (a unit's name, declared in the file scope).</param>
    protected DefinitionSymbol Declare(BindingScope scope, string name, DefinitionKind kind, Location location, string? typeText = null, string? typeName = null, string? memberOf = null, UnitBucket? into = null)
    {
        if (scope.Names.TryGetValue(name, out var existing))
        {
            if (existing.Location != location)
            {
                (into ?? scope.Bucket).References.Add(new ReferenceSymbol(name, location) { Definition = existing.Location });
            }

            return existing;
        }

        var definition = new DefinitionSymbol(name, kind, location)
        {
            Container = scope.Name,
            IsUnitLevel = scope.IsUnit && memberOf is null,
            TypeText = string.IsNullOrEmpty(typeText) ? null : typeText,
            TypeName = typeName,
            MemberOf = memberOf,
        };
        scope.Names[name] = definition;
        (into ?? scope.Bucket).Definitions.Add(definition);
        return definition;
    }

    protected void Record(PendingChain chain)
    {
        if (chain.Parts.Count > 0)
        {
            _pending.Add(chain);
        }
    }

    /// <summary>True when the name is a VHDL library (`work`, `ieee`, or one a library clause names).</summary>
    protected virtual bool IsLibrary(string name, BindingScope scope) => false;

    /// <summary>
    /// Where an identifier's text is: its own file for text in the main file or an include; the macro use in the main
    /// file for text a macro produced (its tokens have no place of their own to point to).
    /// </summary>
    protected static Location LocationOf(SyntaxNode identifier, out bool fromMacro)
    {
        var token = identifier.FirstToken;
        fromMacro = token.Expansion is not null;
        if (!token.IsDefault && !fromMacro && token.File is not null)
        {
            return token.Location;
        }

        return identifier.Location;
    }

    private void Bind(PendingChain chain)
    {
        var parts = chain.Parts;
        var scope = chain.Scope;
        var bucket = scope.Bucket;
        var head = parts[0];
        var reportable = chain.Reportable && !scope.InheritsUnknownNames();
        DefinitionSymbol? current = null;
        var start = 1;
        string? library = chain.Library;
        string? packageQualifier = null;

        if (chain.HeadKind == ReferenceKind.Name && parts.Count > 1 && parts[1].Separator != NameSeparator.None && IsLibrary(head.Name, scope) && scope.Lookup(head.Name) is null)
        {
            // lib.pkg.item: the library itself binds to nothing we index; the next name is a unit of that library.
            library = head.Name;
            head = parts[1];
            start = 2;
            current = FileScope.Names.GetValueOrDefault(head.Name);
            bucket.References.Add(new ReferenceSymbol(head.Name, head.Location)
            {
                Kind = parts.Count > 2 ? ReferenceKind.Package : ReferenceKind.Unit,
                Library = library,
                Definition = current?.Location,
                Reportable = reportable,
            });
            packageQualifier = head.Name;
        }
        else if (chain.HeadKind is ReferenceKind.PortFormal or ReferenceKind.ParameterFormal)
        {
            bucket.References.Add(new ReferenceSymbol(head.Name, head.Location)
            {
                Kind = chain.HeadKind,
                Qualifier = chain.HeadQualifier,
                Library = library,
                IsWildcard = chain.IsWildcard,
            });
            if (chain.AlsoLocal)
            {
                current = scope.Lookup(head.Name);
                bucket.References.Add(new ReferenceSymbol(head.Name, head.Location) { Definition = current?.Location, Reportable = reportable, ImplicitNet = chain.ImplicitNet });
            }

            return;
        }
        else if (chain.HeadKind is ReferenceKind.Unit or ReferenceKind.Package)
        {
            current = FileScope.Names.GetValueOrDefault(head.Name) ?? scope.Lookup(head.Name);
            if (current is not null && current.Kind is not (DefinitionKind.Unit or DefinitionKind.Package))
            {
                current = null;
            }

            bucket.References.Add(new ReferenceSymbol(head.Name, head.Location) { Kind = chain.HeadKind, Library = library, Definition = current?.Location, Reportable = reportable && chain.HeadKind == ReferenceKind.Package });
            packageQualifier = head.Name;
        }
        else if (chain.HeadKind == ReferenceKind.PackageMember)
        {
            var package = FileScope.Names.GetValueOrDefault(chain.HeadQualifier ?? string.Empty);
            var packageScope = package is null ? null : MemberScopeOf(package);
            current = packageScope?.Names.GetValueOrDefault(head.Name);
            bucket.References.Add(new ReferenceSymbol(head.Name, head.Location) { Kind = ReferenceKind.PackageMember, Qualifier = chain.HeadQualifier, Library = library, Definition = current?.Location, Reportable = reportable });
        }
        else
        {
            current = scope.Lookup(head.Name);
            var followedByScope = parts.Count > 1 && parts[1].Separator == NameSeparator.Scope;
            if (current is null && followedByScope)
            {
                current = FileScope.Names.GetValueOrDefault(head.Name);
                bucket.References.Add(new ReferenceSymbol(head.Name, head.Location) { Kind = ReferenceKind.Package, Definition = current?.Location, Reportable = reportable });
                packageQualifier = head.Name;
            }
            else
            {
                // An unbound head followed by `.` may be a hierarchical name from above (SV) or a package (VHDL): the
                // workspace decides; SV does not report such heads.
                var followedByDot = parts.Count > 1 && parts[1].Separator == NameSeparator.Dot;
                bucket.References.Add(new ReferenceSymbol(head.Name, head.Location)
                {
                    Definition = current?.Location,
                    Reportable = reportable && (!followedByDot || HeadOfDottedNameIsReportable),
                    ImplicitNet = chain.ImplicitNet && parts.Count == 1,
                });
                if (current?.Kind is DefinitionKind.Package or DefinitionKind.Unit && MemberScopeOf(current) is not null)
                {
                    packageQualifier = current.Name;
                }
            }
        }

        var prefixName = current is null ? head.Name : null;
        for (var index = start; index < parts.Count; index++)
        {
            var part = parts[index];
            DefinitionSymbol? member = null;
            var memberScope = current is null ? null : MemberScopeOf(current) ?? TypeScopeOf(current, scope);
            if (memberScope is not null)
            {
                memberScope.Names.TryGetValue(part.Name, out member);
                if (member is null && memberScope.Companion is not null)
                {
                    memberScope.Companion.Names.TryGetValue(part.Name, out member);
                }
            }

            if (packageQualifier is not null && index == start && (current is null || current.Kind is DefinitionKind.Package or DefinitionKind.Unit))
            {
                bucket.References.Add(new ReferenceSymbol(part.Name, part.Location)
                {
                    Kind = ReferenceKind.PackageMember,
                    Qualifier = packageQualifier,
                    Library = library,
                    Definition = member?.Location,
                    Reportable = reportable,
                });
            }
            else
            {
                bucket.References.Add(new ReferenceSymbol(part.Name, part.Location)
                {
                    Kind = ReferenceKind.Member,
                    Qualifier = member is null && memberScope is null && current is not null ? current.TypeName : null,
                    Prefix = index == start ? prefixName : null,
                    Definition = member?.Location,
                });
            }

            current = member;
            prefixName = null;
            if (current is null)
            {
                // Deeper members need the type of one the file could not bind; they stay unbound and unreported.
                for (var rest = index + 1; rest < parts.Count; rest++)
                {
                    bucket.References.Add(new ReferenceSymbol(parts[rest].Name, parts[rest].Location) { Kind = ReferenceKind.Member });
                }

                return;
            }
        }
    }

    /// <summary>VHDL reports an unbound `x` in `x.y` (it is a package or a record); SV does not (hierarchical names).</summary>
    protected virtual bool HeadOfDottedNameIsReportable => false;

    private BindingScope? TypeScopeOf(DefinitionSymbol definition, BindingScope from)
    {
        if (definition.TypeName is null)
        {
            return null;
        }

        var type = from.Lookup(definition.TypeName) ?? FileScope.Names.GetValueOrDefault(definition.TypeName);
        return type is null || ReferenceEquals(type, definition) ? null : MemberScopeOf(type);
    }
}
