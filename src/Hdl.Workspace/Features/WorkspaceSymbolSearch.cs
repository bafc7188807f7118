using System.Collections.Immutable;
using Hdl.Design.Model;
using Hdl.Syntax.Text;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Features;

/// <summary>A symbol found across the workspace: name, kind, the unit holding it, and how well it matched (lower is better).</summary>
public sealed record WorkspaceSymbolHit(string Name, OutlineKind Kind, string? Container, Location Location, int Score);

/// <summary>How many hits a search returns; editors show a short list and search again as the user types.</summary>
public sealed record WorkspaceSymbolOptions
{
    public static readonly WorkspaceSymbolOptions Default = new();

    public int MaxResults { get; init; } = 200;
}

/// <summary>
/// Units, ports, parameters and signals of the whole workspace matched against a query, case-insensitively: an
/// exact name first, then a prefix, then a prefix of a `_`-separated word (`st` finds `tx_state`), then the query's
/// letters in order (`ust` finds `u_state`). One pass over the design models: no index to keep up to date.
/// </summary>
public static class WorkspaceSymbolSearch
{
    private const int NoMatch = int.MaxValue;

    public static ImmutableArray<WorkspaceSymbolHit> Search(WorkspaceIndex index, string query, WorkspaceSymbolOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        query = query.Trim();
        var hits = new List<WorkspaceSymbolHit>();
        foreach (var file in index.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.Design is null)
            {
                continue;
            }

            foreach (var unit in file.Design.Units)
            {
                Add(hits, query, unit.Name, DocumentOutline.KindOf(unit.Kind), unit.Owner, unit.NameLocation);
                if (query.Length == 0)
                {
                    // An empty query lists the units only: every signal of a large repository is no useful list.
                    continue;
                }

                foreach (var parameter in unit.Parameters)
                {
                    Add(hits, query, parameter.Name, OutlineKind.Parameter, unit.Name, parameter.Location);
                }

                foreach (var port in unit.Ports)
                {
                    Add(hits, query, port.Name, OutlineKind.Port, unit.Name, port.Location);
                }

                foreach (var declaration in unit.Declarations)
                {
                    Add(hits, query, declaration.Name, DocumentOutline.KindOf(declaration.Kind), unit.Name, declaration.Location);
                }

                foreach (var subprogram in unit.Subprograms)
                {
                    Add(hits, query, subprogram.Name, subprogram.Kind == SubprogramKind.Task ? OutlineKind.Task : OutlineKind.Function, unit.Name, subprogram.Location);
                }
            }
        }

        hits.Sort((left, right) =>
        {
            var byScore = left.Score.CompareTo(right.Score);
            return byScore != 0 ? byScore : left.Name.Length != right.Name.Length ? left.Name.Length.CompareTo(right.Name.Length) : string.CompareOrdinal(left.Name, right.Name);
        });
        return [.. hits.Take(options.MaxResults)];
    }

    /// <summary>0 exact, 1 prefix, 2 word prefix, 3 letters in order; <see cref="int.MaxValue"/> when the name does not match.</summary>
    public static int Score(string name, string query)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(query);
        if (query.Length == 0)
        {
            return 3;
        }

        if (name.Equals(query, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        if (name.StartsWith(query, StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        for (var start = name.IndexOf('_', StringComparison.Ordinal); start >= 0; start = name.IndexOf('_', start + 1))
        {
            if (string.Compare(name, start + 1, query, 0, query.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return 2;
            }
        }

        var matched = 0;
        for (var i = 0; i < name.Length && matched < query.Length; i++)
        {
            if (char.ToLowerInvariant(name[i]) == char.ToLowerInvariant(query[matched]))
            {
                matched++;
            }
        }

        // The first letter must match the name's first letter, or the subsequence match finds almost everything.
        return matched == query.Length && char.ToLowerInvariant(name[0]) == char.ToLowerInvariant(query[0]) ? 3 : NoMatch;
    }

    private static void Add(List<WorkspaceSymbolHit> hits, string query, string name, OutlineKind kind, string? container, Location location)
    {
        if (name.Length == 0)
        {
            return;
        }

        var score = Score(name, query);
        if (score != NoMatch)
        {
            hits.Add(new WorkspaceSymbolHit(name, kind, container, location, score));
        }
    }
}
