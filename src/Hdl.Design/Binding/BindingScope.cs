using Hdl.Design.Model;
using Hdl.Syntax.Text;

namespace Hdl.Design.Binding;

/// <summary>
/// One scope of a file: the file itself (SV `$unit`), a design unit, a generate or named block, a subprogram, a
/// process, a loop, or the members of a struct/record type. Names are looked up from the innermost scope outwards.
/// </summary>
internal sealed class BindingScope
{
    public BindingScope(BindingScope? parent, string? name, UnitBucket bucket, bool isUnit, StringComparer comparer)
    {
        Parent = parent;
        Name = name;
        Bucket = bucket;
        IsUnit = isUnit;
        Names = new Dictionary<string, DefinitionSymbol>(comparer);
    }

    public BindingScope? Parent { get; }

    /// <summary>The display name of what opened the scope (unit, block label, function), null for unnamed blocks.</summary>
    public string? Name { get; }

    /// <summary>The unit whose lists receive what is declared and used in this scope.</summary>
    public UnitBucket Bucket { get; }

    public bool IsUnit { get; }

    /// <summary>Another scope searched after this one and before the parent: a VHDL architecture's entity, a package body's package.</summary>
    public BindingScope? Companion { get; set; }

    /// <summary>Set in class bodies: a base class binding does not see may declare any name.</summary>
    public bool MayInherit { get; set; }

    public Dictionary<string, DefinitionSymbol> Names { get; }

    public DefinitionSymbol? Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope.Names.TryGetValue(name, out var found))
            {
                return found;
            }

            if (scope.Companion is not null && scope.Companion.Names.TryGetValue(name, out found))
            {
                return found;
            }
        }

        return null;
    }

    public bool InheritsUnknownNames()
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope.MayInherit)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The definitions and references collected for one design unit (or the file's `$unit`), in source order.</summary>
internal sealed class UnitBucket(Location? unitName)
{
    /// <summary>Where the unit's name stands: how the bucket is matched with the model builder's unit; null for `$unit`.</summary>
    public Location? UnitName { get; } = unitName;

    public List<DefinitionSymbol> Definitions { get; } = [];

    public List<ReferenceSymbol> References { get; } = [];
}

/// <summary>One part of a name chain (`a.b[i].c`, `p::x`, `lib.pkg.item`): the identifier and the separator before it.</summary>
internal readonly record struct NamePart(string Name, Location Location, NameSeparator Separator);

internal enum NameSeparator
{
    None,
    Dot,
    Scope,
}

/// <summary>A name chain seen during the walk, bound once every scope of the file is complete.</summary>
internal sealed class PendingChain(BindingScope scope, List<NamePart> parts)
{
    public BindingScope Scope { get; } = scope;

    public List<NamePart> Parts { get; } = parts;

    /// <summary>What the first part names (a plain name, a unit, a package, a formal of an instance).</summary>
    public ReferenceKind HeadKind { get; init; } = ReferenceKind.Name;

    public string? HeadQualifier { get; init; }

    public string? Library { get; init; }

    public bool Reportable { get; init; }

    public bool ImplicitNet { get; init; }

    public bool IsWildcard { get; init; }

    /// <summary>Also bind the head as a plain name (`.clk` connects the port clk to the signal clk).</summary>
    public bool AlsoLocal { get; init; }
}
