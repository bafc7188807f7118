using Hdl.Design.Model;
using Hdl.Syntax.Text;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Features.Completion;

/// <summary>How near a name is to the cursor; lower sorts first.</summary>
internal enum Nearness
{
    Formal = 0,
    Local = 1,
    Unit = 2,
    Imported = 3,
    Workspace = 4,
    Keyword = 5,
    Snippet = 6,

    /// <summary>A word of the file's text, offered when the last analysis lost the unit around the cursor.</summary>
    Word = 7,
}

/// <summary>A definition visible at the cursor, how near it is, and the unit that declares it.</summary>
internal readonly record struct VisibleName(DefinitionSymbol Symbol, Nearness Nearness, IndexedUnit Owner);

/// <summary>
/// The names visible at the cursor, nearest first: locals of the blocks and subprograms still open, the unit's own
/// names (and a VHDL architecture's entity, a package body's package), the members of imported and `use`d packages
/// and the compilation unit. Built from the unit's definitions and its imports only: no workspace scan.
/// </summary>
internal sealed class VisibleNames
{
    private readonly Dictionary<string, VisibleName> _byName;

    private VisibleNames(List<VisibleName> all, StringComparer comparer)
    {
        All = all;
        _byName = new Dictionary<string, VisibleName>(comparer);
        foreach (var name in all)
        {
            _byName.TryAdd(name.Symbol.Name, name);
        }
    }

    public List<VisibleName> All { get; }

    public VisibleName? Find(string name) => _byName.TryGetValue(name, out var found) ? found : null;

    public static VisibleNames Collect(WorkspaceIndex index, IndexedUnit? unit, IndexedUnit? fileUnit, CursorContext context)
    {
        var all = new List<VisibleName>();
        var comparer = context.IsVhdl ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        if (unit is null)
        {
            return new VisibleNames(all, comparer);
        }

        foreach (var definition in unit.Symbol.Definitions)
        {
            if (definition.IsUnitLevel || definition.Kind is DefinitionKind.Field or DefinitionKind.Label or DefinitionKind.Process || definition.Location.Path != unit.Path)
            {
                continue;
            }

            var offset = definition.Location.Span.Start;
            if (offset < context.PrefixStart && !InClosedRegion(context, offset))
            {
                all.Add(new VisibleName(definition, Nearness.Local, unit));
            }
        }

        AddExports(all, unit, Nearness.Unit);
        var companions = Companions(index, unit);
        foreach (var companion in companions)
        {
            AddExports(all, companion, Nearness.Unit);
        }

        var imports = new List<ImportSymbol>(unit.Symbol.Imports);
        foreach (var companion in companions)
        {
            imports.AddRange(companion.Symbol.Imports);
        }

        if (fileUnit is not null && !ReferenceEquals(fileUnit, unit))
        {
            imports.AddRange(fileUnit.Symbol.Imports);
            AddExports(all, fileUnit, Nearness.Imported);
        }

        foreach (var import in imports)
        {
            if (FindPackage(index, import.Package, import.Library, unit) is not { } package)
            {
                continue;
            }

            foreach (var export in Exports(package))
            {
                if (import.Item is null || import.Item.Equals("all", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(export.Name, import.Item, context.Comparison)
                    || (export.Kind == DefinitionKind.EnumMember && string.Equals(export.TypeName, import.Item, context.Comparison)))
                {
                    all.Add(new VisibleName(export, Nearness.Imported, package));
                }
            }
        }

        return new VisibleNames(all, comparer);
    }

    /// <summary>What a unit shows to its importers and instantiators: its unit-level names, not its own name or nested units.</summary>
    public static IEnumerable<DefinitionSymbol> Exports(IndexedUnit unit)
    {
        foreach (var definition in unit.Symbol.Definitions)
        {
            if (definition.IsUnitLevel && definition.Location != unit.Symbol.NameLocation
                && (definition.Kind is not (DefinitionKind.Unit or DefinitionKind.Package) || definition.TypeText == "component"))
            {
                yield return definition;
            }
        }
    }

    /// <summary>A package by name: SV packages (and classes, interfaces before `::`), VHDL packages in the library or any.</summary>
    public static IndexedUnit? FindPackage(WorkspaceIndex index, string name, string? library, IndexedUnit? from)
    {
        if (from is null || !from.IsVhdl)
        {
            var verilog = index.Units.FindVerilog(name);
            if (verilog?.Kind is DesignUnitKind.Package or DesignUnitKind.Class or DesignUnitKind.Interface)
            {
                return verilog;
            }

            if (from is not null)
            {
                return null;
            }
        }

        var lib = library is null || library.Equals("work", StringComparison.OrdinalIgnoreCase) ? from?.Symbol.Library ?? "work" : library;
        var vhdl = index.Units.FindVhdl(lib, name) ?? index.Units.FindVhdlInAnyLibrary(name);
        return vhdl?.Kind == DesignUnitKind.Package ? vhdl : null;
    }

    /// <summary>A VHDL architecture's entity, a package body's package.</summary>
    public static List<IndexedUnit> Companions(WorkspaceIndex index, IndexedUnit unit)
    {
        var result = new List<IndexedUnit>();
        if (unit.IsVhdl && unit.Symbol.Owner is { } owner && unit.Kind is DesignUnitKind.Architecture or DesignUnitKind.PackageBody or DesignUnitKind.Configuration
            && (index.Units.FindVhdl(unit.Symbol.Library ?? "work", owner) ?? index.Units.FindVhdlInAnyLibrary(owner)) is { } companion)
        {
            result.Add(companion);
        }

        return result;
    }

    /// <summary>The design unit that declares a definition (found through the definition's file).</summary>
    public static IndexedUnit? OwnerOf(WorkspaceIndex index, Location location)
    {
        var file = index.GetFile(location.Path);
        if (file?.Design is null)
        {
            return null;
        }

        foreach (var unit in file.Design.Units)
        {
            foreach (var definition in unit.Definitions)
            {
                if (definition.Location == location)
                {
                    return new IndexedUnit(unit, file.Path, file.Order);
                }
            }
        }

        return null;
    }

    private static void AddExports(List<VisibleName> all, IndexedUnit unit, Nearness nearness)
    {
        foreach (var export in Exports(unit))
        {
            all.Add(new VisibleName(export, nearness, unit));
        }
    }

    private static bool InClosedRegion(CursorContext context, int offset)
    {
        foreach (var (start, end) in context.ClosedRegions)
        {
            if (start <= offset && offset < end)
            {
                return true;
            }
        }

        return false;
    }
}
