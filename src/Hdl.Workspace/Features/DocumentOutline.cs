using System.Collections.Immutable;
using Hdl.Design;
using Hdl.Design.Model;
using Hdl.Syntax.Text;

namespace Hdl.Workspace.Features;

/// <summary>What an outline entry or a symbol search hit is, in terms both languages share.</summary>
public enum OutlineKind
{
    Module,
    Interface,
    Program,
    Package,
    Class,
    Entity,
    Architecture,
    Configuration,
    Port,
    Parameter,
    Signal,
    Variable,
    Constant,
    Type,
    EnumMember,
    Field,
    Instance,
    Process,
    Function,
    Task,
    Generate,
}

/// <summary>One entry of a file's outline: name, kind, a short detail (type, unit of an instance), its range and children.</summary>
public sealed record OutlineItem(string Name, OutlineKind Kind, string? Detail, Location Extent, Location NameLocation, ImmutableArray<OutlineItem> Children);

/// <summary>
/// The hierarchical outline of a file from its design model: units, then their parameters, ports, declarations,
/// processes, instances and subprograms, with generate blocks nesting what they contain.
/// </summary>
public static class DocumentOutline
{
    public static ImmutableArray<OutlineItem> Build(DesignFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return [.. file.Units.Select(BuildUnit)];
    }

    public static OutlineKind KindOf(DesignUnitKind kind) => kind switch
    {
        DesignUnitKind.Interface => OutlineKind.Interface,
        DesignUnitKind.Program => OutlineKind.Program,
        DesignUnitKind.Package or DesignUnitKind.PackageBody or DesignUnitKind.Context => OutlineKind.Package,
        DesignUnitKind.Class => OutlineKind.Class,
        DesignUnitKind.Entity => OutlineKind.Entity,
        DesignUnitKind.Architecture => OutlineKind.Architecture,
        DesignUnitKind.Config or DesignUnitKind.Configuration => OutlineKind.Configuration,
        _ => OutlineKind.Module,
    };

    public static OutlineKind KindOf(DeclarationKind kind) => kind switch
    {
        DeclarationKind.Net or DeclarationKind.Signal or DeclarationKind.InterfaceInstance => OutlineKind.Signal,
        DeclarationKind.Constant => OutlineKind.Constant,
        DeclarationKind.Type or DeclarationKind.Subtype or DeclarationKind.Enum or DeclarationKind.Struct or DeclarationKind.Component => OutlineKind.Type,
        DeclarationKind.EnumMember => OutlineKind.EnumMember,
        DeclarationKind.Field => OutlineKind.Field,
        _ => OutlineKind.Variable,
    };

    private static OutlineItem BuildUnit(DesignUnitSymbol unit)
    {
        var scoped = new List<(string? Scope, OutlineItem Item)>();
        foreach (var parameter in unit.Parameters)
        {
            scoped.Add((null, Leaf(parameter.Name, OutlineKind.Parameter, Detail(parameter.Type, parameter.DefaultValue), parameter.Location)));
        }

        foreach (var port in unit.Ports)
        {
            scoped.Add((null, Leaf(port.Name, OutlineKind.Port, $"{port.Direction.ToString().ToLowerInvariant()} {port.Type.Text}".TrimEnd(), port.Location)));
        }

        foreach (var declaration in unit.Declarations)
        {
            if (declaration.Kind is DeclarationKind.EnumMember or DeclarationKind.Field)
            {
                continue;
            }

            scoped.Add((declaration.Scope, Leaf(declaration.Name, KindOf(declaration.Kind), Detail(declaration.Type, null), declaration.Location)));
        }

        foreach (var process in unit.Processes)
        {
            scoped.Add((process.Scope, Leaf(process.Label ?? ProcessName(process.Kind), OutlineKind.Process, process.Label is null ? null : ProcessName(process.Kind), process.Location)));
        }

        foreach (var instance in unit.Instances)
        {
            scoped.Add((instance.Scope, Leaf(instance.InstanceName, OutlineKind.Instance, instance.UnitName, instance.Location)));
        }

        foreach (var subprogram in unit.Subprograms)
        {
            var kind = subprogram.Kind == SubprogramKind.Task ? OutlineKind.Task : OutlineKind.Function;
            scoped.Add((null, Leaf(subprogram.Name, kind, subprogram.ReturnType?.Text, subprogram.Location)));
        }

        var children = Nest(unit.GenerateBlocks, scoped, parentScope: null);
        return new OutlineItem(unit.Name, KindOf(unit.Kind), unit.Owner, Cover(unit.Extent, unit.NameLocation), unit.NameLocation, children);
    }

    /// <summary>Items whose scope is <paramref name="parentScope"/>, with the generate blocks of that scope holding their own items.</summary>
    private static ImmutableArray<OutlineItem> Nest(ImmutableArray<GenerateBlockSymbol> blocks, List<(string? Scope, OutlineItem Item)> scoped, string? parentScope)
    {
        var result = ImmutableArray.CreateBuilder<OutlineItem>();
        foreach (var (scope, item) in scoped)
        {
            if (scope == parentScope || (parentScope is null && !blocks.Any(block => block.Name == scope)))
            {
                result.Add(item);
            }
        }

        foreach (var block in blocks)
        {
            if (block.ParentScope == parentScope && block.Name != parentScope)
            {
                var inner = Nest(blocks, scoped, block.Name);
                var extent = inner.Aggregate(block.Location, (cover, child) => Cover(cover, child.Extent));
                result.Add(new OutlineItem(ShortName(block.Name), OutlineKind.Generate, block.Condition, extent, block.Location, inner));
            }
        }

        result.Sort((left, right) => left.Extent.Start.CompareTo(right.Extent.Start));
        return result.ToImmutable();
    }

    private static OutlineItem Leaf(string name, OutlineKind kind, string? detail, Location location) =>
        new(name, kind, string.IsNullOrWhiteSpace(detail) ? null : detail, location, location, []);

    private static string? Detail(TypeSymbol type, string? value) =>
        value is null ? type.Text : $"{type.Text} = {value}".TrimStart();

    private static string ShortName(string scope) => scope[(scope.LastIndexOf('.') + 1)..];

    private static string ProcessName(ProcessKind kind) => kind switch
    {
        ProcessKind.AlwaysFf => "always_ff",
        ProcessKind.AlwaysComb => "always_comb",
        ProcessKind.AlwaysLatch => "always_latch",
        ProcessKind.Initial => "initial",
        ProcessKind.Final => "final",
        ProcessKind.Process => "process",
        _ => "always",
    };

    /// <summary>The smallest location holding both (same file): an editor requires a symbol's range to hold its name.</summary>
    internal static Location Cover(Location outer, Location inner)
    {
        if (outer.Path != inner.Path || string.IsNullOrEmpty(outer.Path))
        {
            return string.IsNullOrEmpty(outer.Path) ? inner : outer;
        }

        var start = outer.Span.Start <= inner.Span.Start ? (outer.Span.Start, outer.Start) : (inner.Span.Start, inner.Start);
        var end = outer.Span.End >= inner.Span.End ? (outer.Span.End, outer.End) : (inner.Span.End, inner.End);
        return new Location(outer.Path, TextSpan.FromBounds(start.Item1, end.Item1), start.Item2, end.Item2);
    }
}
