using Hdl.Design;
using Hdl.Design.Model;
using Hdl.Syntax.Text;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Features;

/// <summary>A declared thing found at a position: the unit holding it and the model record (port, declaration, unit...).</summary>
public sealed record DeclarationAt(IndexedUnit? Unit, object Symbol, string Name, Location NameLocation);

/// <summary>
/// Finds what the name under a position declares or refers to, from the design model alone: a declaration's own
/// name, or a use whose binding found its declaration, or a use resolved by name in the enclosing unit, or a unit name.
/// </summary>
public static class DeclarationLookup
{
    public static DeclarationAt? Find(WorkspaceIndex index, string path, LinePosition position, SourceText? text = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(path);
        var file = index.GetFile(path);
        if (file?.Design is null)
        {
            return null;
        }

        if (DeclaredAt(file.Design, position, file.Order) is { } declared)
        {
            return declared;
        }

        foreach (var unit in file.Design.Units)
        {
            if (!Contains(unit.Extent, position))
            {
                continue;
            }

            foreach (var reference in unit.References)
            {
                if (!Contains(reference.Location, position))
                {
                    continue;
                }

                if (reference.Definition is { } definition && index.GetFile(definition.Path)?.Design is { } target
                    && DeclaredAt(target, definition.Start, index.GetFile(definition.Path)!.Order) is { } bound)
                {
                    return bound;
                }

                return ByName(index, new IndexedUnit(unit, path, file.Order), reference.Name, reference.Location);
            }

            // Without a bound reference, the identifier under the cursor is looked up in the enclosing unit.
            if (text is not null && IdentifierAt(text, position) is { } word)
            {
                return ByName(index, new IndexedUnit(unit, path, file.Order), text.GetText(word), text.GetLocation(word));
            }
        }

        return null;
    }

    /// <summary>The span of the identifier (letters, digits, `_`, `$`) touching a position, or null.</summary>
    public static TextSpan? IdentifierAt(SourceText text, LinePosition position)
    {
        ArgumentNullException.ThrowIfNull(text);
        var offset = text.Lines.GetOffset(position);
        var start = offset;
        while (start > 0 && IsIdentifierCharacter(text.Text[start - 1]))
        {
            start--;
        }

        var end = offset;
        while (end < text.Length && IsIdentifierCharacter(text.Text[end]))
        {
            end++;
        }

        return end > start && !char.IsAsciiDigit(text.Text[start]) ? TextSpan.FromBounds(start, end) : null;
    }

    private static bool IsIdentifierCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$';

    /// <summary>A unit by name in either language: Verilog first, then VHDL in any library.</summary>
    public static IndexedUnit? FindUnit(WorkspaceIndex index, string name)
    {
        ArgumentNullException.ThrowIfNull(index);
        return index.Units.FindVerilog(name) ?? index.Units.FindVhdlInAnyLibrary(name) ?? index.Units.FindVerilogIgnoringCase(name);
    }

    internal static bool Contains(Location location, LinePosition position) =>
        location.Start <= position && position <= location.End && !string.IsNullOrEmpty(location.Path);

    private static DeclarationAt? ByName(WorkspaceIndex index, IndexedUnit unit, string name, Location use)
    {
        var comparison = unit.IsVhdl ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var port in unit.Symbol.Ports)
        {
            if (port.Name.Equals(name, comparison))
            {
                return new DeclarationAt(unit, port, port.Name, port.Location);
            }
        }

        foreach (var parameter in unit.Symbol.Parameters)
        {
            if (parameter.Name.Equals(name, comparison))
            {
                return new DeclarationAt(unit, parameter, parameter.Name, parameter.Location);
            }
        }

        foreach (var declaration in unit.Symbol.Declarations)
        {
            if (declaration.Name.Equals(name, comparison))
            {
                return new DeclarationAt(unit, declaration, declaration.Name, declaration.Location);
            }
        }

        // A VHDL architecture sees its entity's ports and generics.
        if (unit.Kind == DesignUnitKind.Architecture && unit.Symbol.Owner is { } owner
            && index.Units.FindVhdl(unit.Symbol.Library ?? "work", owner) is { } entity && entity != unit)
        {
            return ByName(index, entity, name, use);
        }

        return FindUnit(index, name) is { } named ? new DeclarationAt(named, named.Symbol, named.Name, named.Symbol.NameLocation) : null;
    }

    private static DeclarationAt? DeclaredAt(DesignFile design, LinePosition position, int order)
    {
        foreach (var unit in design.Units)
        {
            var indexed = new IndexedUnit(unit, design.Path, order);
            if (Contains(unit.NameLocation, position))
            {
                return new DeclarationAt(indexed, unit, unit.Name, unit.NameLocation);
            }

            if (!Contains(unit.Extent, position))
            {
                continue;
            }

            foreach (var port in unit.Ports)
            {
                if (Contains(port.Location, position))
                {
                    return new DeclarationAt(indexed, port, port.Name, port.Location);
                }
            }

            foreach (var parameter in unit.Parameters)
            {
                if (Contains(parameter.Location, position))
                {
                    return new DeclarationAt(indexed, parameter, parameter.Name, parameter.Location);
                }
            }

            foreach (var declaration in unit.Declarations)
            {
                if (Contains(declaration.Location, position))
                {
                    return new DeclarationAt(indexed, declaration, declaration.Name, declaration.Location);
                }
            }

            foreach (var subprogram in unit.Subprograms)
            {
                if (Contains(subprogram.Location, position) && subprogram.Location.Span.Length <= subprogram.Name.Length + 1)
                {
                    return new DeclarationAt(indexed, subprogram, subprogram.Name, subprogram.Location);
                }
            }
        }

        return null;
    }
}
