using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Hdl.Design.Model;
using Hdl.Syntax;
using Hdl.Syntax.Text;
using Hdl.Workspace.Binding;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Features;

/// <summary>A declared name as an editor shows it: where it is declared, what holds it, its type as written, its comment.</summary>
public sealed record NavigationSymbol(string Name, DefinitionKind Kind, Location Definition, string? ContainerName, string? TypeText, string? Documentation);

/// <param name="IncludeDeclaration">Whether the declaration itself is listed with the uses.</param>
public sealed record ReferenceSearchOptions(bool IncludeDeclaration)
{
    public static readonly ReferenceSearchOptions Default = new(IncludeDeclaration: true);
}

/// <summary>
/// Go to definition, find references and symbol information over a snapshot. Positions are zero-based lines and
/// UTF-16 columns; a position right after an identifier still counts as on it, as editors place the caret there.
/// All answers come from <see cref="WorkspaceIndex.Bindings"/>; only find-references and package users need every file bound,
/// the others bind the file asked about (and, for a header, its includers).
/// </summary>
public static partial class SymbolNavigation
{
    /// <summary>The symbol the identifier at the position declares or binds to; null on anything else or an unbound name.</summary>
    public static NavigationSymbol? SymbolAt(WorkspaceIndex index, string path, LinePosition position)
    {
        ArgumentNullException.ThrowIfNull(index);
        var targets = Targets(index, path, position, out var name);
        if (targets.IsEmpty)
        {
            return null;
        }

        var target = targets[0];
        var definition = index.Bindings.DefinitionAt(target);
        if (definition is null)
        {
            // Implicit nets are declared by their first use; they have no definition record of their own.
            return new NavigationSymbol(name ?? string.Empty, DefinitionKind.Net, target, null, null, null);
        }

        var symbol = definition.Symbol;
        return new NavigationSymbol(symbol.Name, symbol.Kind, symbol.Location, symbol.Container, symbol.TypeText, DocumentationOf(definition));
    }

    public static ImmutableArray<Location> FindDefinition(WorkspaceIndex index, string path, LinePosition position)
    {
        ArgumentNullException.ThrowIfNull(index);
        return Targets(index, path, position, out _);
    }

    /// <summary>
    /// Go to type definition: for a name whose declared type is a user type (typedef, struct, enum, class, VHDL type or
    /// subtype) or a unit (an instance, an interface port), where that type or unit is declared. Empty for built-in
    /// types (`logic`, `std_logic`) and for names without a type.
    /// </summary>
    public static ImmutableArray<Location> FindTypeDefinition(WorkspaceIndex index, string path, LinePosition position)
    {
        ArgumentNullException.ThrowIfNull(index);
        var bindings = index.Bindings;
        var result = ImmutableArray.CreateBuilder<Location>();
        foreach (var target in Targets(index, path, position, out _))
        {
            if (bindings.DefinitionAt(target)?.Symbol is not { TypeText: { } typeText } symbol)
            {
                continue;
            }

            // The declaration's type is written next to its name (before it in Verilog, after the colon in VHDL) and
            // the binder has bound that use: the nearest use of a name of the type text that binds to a type or a
            // unit is the one. Direction and other keywords in the text (`input`, `var`) bind to nothing.
            var ignoreCase = HdlLanguages.FromPath(target.Path) == HdlLanguage.Vhdl;
            var names = new HashSet<string>(TypeNamesIn(typeText), ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
            BoundReference? nearest = null;
            foreach (var reference in bindings.ReferencesIn(target.Path))
            {
                if (reference.IsBound
                    && names.Contains(reference.Name)
                    && Math.Abs(reference.Location.Start.Line - target.Start.Line) <= MaxDeclarationLines
                    && (nearest is null || Distance(reference.Location, target) < Distance(nearest.Location, target))
                    && reference.Definitions.Any(definition => bindings.DefinitionAt(definition)?.Symbol.Kind is DefinitionKind.Type or DefinitionKind.Unit))
                {
                    nearest = reference;
                }
            }

            foreach (var definition in nearest?.Definitions ?? [])
            {
                if (definition != symbol.Location && !result.Contains(definition))
                {
                    result.Add(definition);
                }
            }
        }

        return result.ToImmutable();
    }

    /// <summary>Every use of what the identifier at the position binds to, in every file, ordered by file and position.</summary>
    public static ImmutableArray<Location> FindReferences(WorkspaceIndex index, string path, LinePosition position, ReferenceSearchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);
        var targets = Targets(index, path, position, out _);
        var found = new HashSet<Location>();
        foreach (var target in targets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (options.IncludeDeclaration)
            {
                found.Add(target);
            }

            foreach (var reference in index.Bindings.ReferencesTo(target, cancellationToken))
            {
                if (reference.Location != target || options.IncludeDeclaration)
                {
                    found.Add(reference.Location);
                }
            }
        }

        return [.. found.OrderBy(location => location.Path, StringComparer.Ordinal).ThenBy(location => location.Span.Start)];
    }

    /// <summary>
    /// The uses in <paramref name="path"/> of what the identifier at the position binds to (document highlights): the
    /// answer of <see cref="FindReferences"/> restricted to the file, from the file's own bindings, so it does not wait
    /// for the rest of the workspace to be bound.
    /// </summary>
    public static ImmutableArray<Location> FindReferencesInFile(WorkspaceIndex index, string path, LinePosition position, ReferenceSearchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);
        var targets = Targets(index, path, position, out _);
        var references = index.Bindings.ReferencesIn(path, cancellationToken);
        var found = new HashSet<Location>();
        foreach (var target in targets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (options.IncludeDeclaration && target.Path == path)
            {
                found.Add(target);
            }

            foreach (var reference in references)
            {
                if (reference.Definitions.Contains(target) && (reference.Location != target || options.IncludeDeclaration))
                {
                    found.Add(reference.Location);
                }
            }
        }

        return [.. found.OrderBy(location => location.Span.Start)];
    }

    /// <summary>Names of the units that import, `use` or name members of the package.</summary>
    public static ImmutableArray<string> UnitsUsingPackage(WorkspaceIndex index, string packageName)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(packageName);
        return index.Bindings.UnitsUsing(packageName);
    }

    /// <summary>
    /// The last name of each (possibly qualified) name in a type text outside brackets and parentheses:
    /// `input pkg::req_t [W-1:0]` → input, req_t; `work.p.rec_t` → rec_t; `std_logic_vector(7 downto 0)` → std_logic_vector.
    /// </summary>
    private static IEnumerable<string> TypeNamesIn(string typeText)
    {
        var outside = new System.Text.StringBuilder(typeText.Length);
        var depth = 0;
        foreach (var character in typeText)
        {
            depth += character is '[' or '(' ? 1 : character is ']' or ')' ? -1 : 0;
            outside.Append(depth > 0 || character is ']' or ')' ? ' ' : character);
        }

        foreach (Match match in QualifiedName().Matches(outside.ToString()))
        {
            var separator = Math.Max(match.Value.LastIndexOf(':'), match.Value.LastIndexOf('.'));
            yield return match.Value[(separator + 1)..].Trim();
        }
    }

    /// <summary>How far the type of a declaration may be from the declared name (`state_t a,` … `d;` over a few lines);
    /// beyond it a use of the same type name belongs to another declaration, and an unbound type answers nothing.</summary>
    private const int MaxDeclarationLines = 10;

    private static int Distance(Location location, Location anchor) => Math.Abs(location.Span.Start - anchor.Span.Start);

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_$]*(?:\s*(?:::|\.)\s*[A-Za-z_][A-Za-z0-9_$]*)*")]
    private static partial Regex QualifiedName();

    /// <summary>The definitions the identifier at the position names: itself when it declares, else what it binds to.</summary>
    private static ImmutableArray<Location> Targets(WorkspaceIndex index, string path, LinePosition position, out string? name)
    {
        var bindings = index.Bindings;
        name = null;
        var definition = Best(bindings.DefinitionsIn(path), position, item => item.Symbol.Location);
        if (definition is not null)
        {
            name = definition.Symbol.Name;
            return [definition.Symbol.Location];
        }

        var references = bindings.ReferencesIn(path);
        var best = Best(references, position, item => item.Location);
        if (best is null)
        {
            return [];
        }

        name = best.Name;
        var result = ImmutableArray.CreateBuilder<Location>();
        foreach (var reference in references)
        {
            // `.clk` is both the child's port and the parent's signal: both are definitions, the port first.
            if (reference.Location == best.Location && reference.IsBound)
            {
                foreach (var target in reference.Definitions)
                {
                    if (!result.Contains(target))
                    {
                        result.Add(target);
                    }
                }
            }
        }

        return result.ToImmutable();
    }

    /// <summary>The item whose range holds the position, preferring one that starts at or before it over one that ends at it.</summary>
    private static T? Best<T>(IReadOnlyList<T> items, LinePosition position, Func<T, Location> locate)
        where T : class
    {
        T? touching = null;
        foreach (var item in items)
        {
            var location = locate(item);
            if (location.Start <= position && position < location.End)
            {
                return item;
            }

            if (location.End == position)
            {
                touching ??= item;
            }
        }

        return touching;
    }

    /// <summary>The comment the design model keeps for the declaration (units, ports, declarations, subprograms).</summary>
    private static string? DocumentationOf(BoundDefinition definition)
    {
        var unit = definition.Unit.Symbol;
        var location = definition.Symbol.Location;
        if (unit.NameLocation == location)
        {
            return unit.Documentation;
        }

        foreach (var port in unit.Ports)
        {
            if (port.Location == location)
            {
                return port.Documentation;
            }
        }

        foreach (var declaration in unit.Declarations)
        {
            if (declaration.Location == location)
            {
                return declaration.Documentation;
            }
        }

        foreach (var subprogram in unit.Subprograms)
        {
            if (subprogram.Location == location)
            {
                return subprogram.Documentation;
            }
        }

        return null;
    }
}
