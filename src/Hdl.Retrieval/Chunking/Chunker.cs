using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Hdl.Design;
using Hdl.Design.Model;
using Hdl.Syntax;

namespace Hdl.Retrieval.Chunking;

/// <summary>Limits of the chunker; every number that shapes chunks lives here.</summary>
public sealed record ChunkingOptions
{
    public static readonly ChunkingOptions Default = new();

    /// <summary>Comment lines right above an item that count as its documentation.</summary>
    public int LeadingCommentLines { get; init; } = 12;

    /// <summary>Lines allowed between continuous assignments of one group: none by default, since designers separate groups by a blank line or a comment.</summary>
    public int AssignmentGroupGap { get; init; }

    /// <summary>Assignments in one group at most, so a long list of assigns still gives focused chunks.</summary>
    public int MaxAssignmentsPerGroup { get; init; } = 10;

    /// <summary>Lines of code indexed per chunk at most (a 2000-line process is indexed by its first lines and names).</summary>
    public int MaxBodyLines { get; init; } = 400;

    /// <summary>Statements driving a signal whose text joins the signal's chunk.</summary>
    public int MaxDriverLines { get; init; } = 4;

    /// <summary>Lines scanned for the end of a function or task whose model gives only its name.</summary>
    public int MaxSubprogramLines { get; init; } = 400;

    /// <summary>Lines of a chunk's text kept for display.</summary>
    public int SnippetLines { get; init; } = 12;

    /// <summary>Header lines of a unit without ports or parameters (a package, a VHDL architecture).</summary>
    public int HeaderLinesWithoutPorts { get; init; } = 40;

    /// <summary>
    /// Lines above a unit, back to the end of the unit before it in the file (or the file's start), whose comments
    /// join the unit's header chunk: a file's description block is often kept apart from the unit by blank lines,
    /// `library`/`use` clauses or compiler directives, so it is not the comment block right above the unit. 0 reads
    /// only that block.
    /// </summary>
    public int PreambleLines { get; init; } = 80;

    /// <summary>
    /// Words that mark a paragraph of the preamble as boilerplate (a licence or copyright notice): it says nothing
    /// about the unit and is the same in every file, so it is left out.
    /// </summary>
    public ImmutableArray<string> BoilerplateWords { get; init; } = ["copyright", "license", "licence", "warranty", "warranties", "spdx"];

    /// <summary>The role words of signal and port chunks.</summary>
    public SignalRoleOptions Roles { get; init; } = SignalRoleOptions.Default;
}

/// <summary>
/// Cuts a file's design model into chunks: a unit header each, then every process, group of continuous assignments,
/// subprogram, generate block, signal and port. Pure: the caller supplies the text the model was built from.
/// </summary>
public static class Chunker
{
    public static ImmutableArray<Chunk> Chunk(DesignFile design, string text, ChunkingOptions options)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        var isVhdl = design.Language == HdlLanguage.Vhdl;
        var lines = new SourceLines(text, isVhdl);
        var builder = new FileChunkBuilder(design.Path, text, lines, options, isVhdl);
        foreach (var unit in design.Units)
        {
            builder.AddUnit(unit, design.Units);
        }

        return builder.Chunks.ToImmutable();
    }

    private sealed class FileChunkBuilder(string path, string text, SourceLines lines, ChunkingOptions options, bool isVhdl)
    {
        private readonly Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);

        public ImmutableArray<Chunk>.Builder Chunks { get; } = ImmutableArray.CreateBuilder<Chunk>();

        private StringComparison NameComparison => isVhdl ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

        // The last line of the units added so far: where the next unit's preamble may start.
        private int _previousUnitLast = -1;

        public void AddUnit(DesignUnitSymbol unit, ImmutableArray<DesignUnitSymbol> fileUnits)
        {
            var unitFirst = unit.Extent.Start.Line;
            var unitLast = Math.Max(unitFirst, unit.Extent.End.Line);
            AddUnitHeader(unit, unitFirst, unitLast);
            _previousUnitLast = Math.Max(_previousUnitLast, unitLast);
            // A VHDL entity's ports are driven in its architectures, and an architecture's signals read the ports.
            var roles = options.Roles.Enabled && text.Length > 0
                ? new SignalRoles([.. fileUnits.Where(part => ReferenceEquals(part, unit) || isVhdl && string.Equals(UnitName(part), UnitName(unit), StringComparison.OrdinalIgnoreCase))], text, options.Roles, isVhdl)
                : null;
            foreach (var port in unit.Ports)
            {
                var line = port.Location.Start.Line;
                Add(ChunkKind.Port, unit, port.Name, lines.LeadingCommentStart(line, options.LeadingCommentLines), line, $"{unit.Name} > port {port.Name}",
                    [port.Name], port.Documentation, DriverText(unit, port.Name), [port.Location.Span.Start]);
                WithRole(roles, port.Name);
            }

            foreach (var declaration in unit.Declarations)
            {
                if (declaration.Kind is DeclarationKind.Net or DeclarationKind.Variable or DeclarationKind.Signal or DeclarationKind.SharedVariable)
                {
                    var line = declaration.Location.Start.Line;
                    var scope = declaration.Scope is null ? string.Empty : $" > {declaration.Scope}";
                    Add(ChunkKind.Signal, unit, declaration.Name, lines.LeadingCommentStart(line, options.LeadingCommentLines), line, $"{unit.Name}{scope} > {declaration.Name}",
                        [declaration.Name], declaration.Documentation, DriverText(unit, declaration.Name), [declaration.Location.Span.Start]);
                    WithRole(roles, declaration.Name);
                }
            }

            foreach (var process in unit.Processes)
            {
                var first = process.Location.Start.Line;
                var name = process.Label ?? $"{Keyword(process.Kind)}@{(first + 1).ToString(CultureInfo.InvariantCulture)}";
                var written = process.Assignments.SelectMany(assignment => assignment.Targets).Select(target => target.Name).Distinct(StringComparer.Ordinal);
                var names = process.Label is null ? written : written.Prepend(process.Label);
                Add(ChunkKind.Process, unit, name, lines.LeadingCommentStart(first, options.LeadingCommentLines), process.Location.End.Line,
                    Context(unit, process.Scope, name), [.. names], null, null, [process.Location.Span.Start]);
            }

            AddAssignmentGroups(unit);
            foreach (var subprogram in unit.Subprograms)
            {
                var first = subprogram.Location.Start.Line;
                var last = SubprogramEnd(subprogram, first, unitLast);
                Add(ChunkKind.Subprogram, unit, subprogram.Name, lines.LeadingCommentStart(first, options.LeadingCommentLines), last, $"{unit.Name} > {subprogram.Kind.ToString().ToLowerInvariant()} {subprogram.Name}",
                    [subprogram.Name, .. subprogram.Arguments.Select(argument => argument.Name)], subprogram.Documentation, null, [subprogram.Location.Span.Start]);
            }

            foreach (var generate in unit.GenerateBlocks)
            {
                var first = generate.Location.Start.Line;
                Add(ChunkKind.Generate, unit, generate.Name, lines.LeadingCommentStart(first, options.LeadingCommentLines), generate.Location.End.Line,
                    Context(unit, generate.ParentScope, generate.Name), [generate.Name], null, null, [generate.Location.Span.Start]);
            }
        }

        private void AddUnitHeader(DesignUnitSymbol unit, int unitFirst, int unitLast)
        {
            // The header ends at the last port or parameter; a VHDL architecture has neither, and its header is the
            // declarative part, which ends at its last unit-level declaration.
            var withoutPorts = unit.Kind == DesignUnitKind.Architecture
                ? unit.Declarations.Where(declaration => declaration.Scope is null).Select(declaration => declaration.Location.End.Line).DefaultIfEmpty(unitFirst).Max()
                : Math.Min(unitLast, unitFirst + options.HeaderLinesWithoutPorts);
            var headerLast = unit.Ports.Select(port => port.Location.End.Line)
                .Concat(unit.Parameters.Select(parameter => parameter.Location.End.Line))
                .DefaultIfEmpty(withoutPorts)
                .Max();
            headerLast = Math.Min(Math.Max(headerLast, unitFirst), unitLast);

            // A unit is found by what it contains as much as by its header: its declarations, instances and
            // subprograms join the body as names, and every comment inside it joins the comments.
            var summary = new StringBuilder(lines.Code(unitFirst, headerLast));
            summary.Append('\n');
            foreach (var name in unit.Declarations.Select(declaration => declaration.Name)
                         .Concat(unit.Instances.SelectMany(instance => new[] { instance.UnitName, instance.InstanceName }))
                         .Concat(unit.Subprograms.Select(subprogram => subprogram.Name))
                         .Concat(unit.Processes.Where(process => process.Label is not null).Select(process => process.Label!))
                         .Distinct(StringComparer.Ordinal))
            {
                summary.Append(name).Append(' ');
            }

            var documentation = string.Join('\n', new[] { unit.Documentation }.Concat(unit.Ports.Select(port => port.Documentation)).Where(text => !string.IsNullOrEmpty(text)));
            var names = new List<string> { unit.Name };
            if (unit.Owner is not null)
            {
                names.Add(unit.Owner);
            }

            names.AddRange(unit.Parameters.Select(parameter => parameter.Name));
            names.AddRange(unit.Ports.Select(port => port.Name));
            var first = lines.LeadingCommentStart(unitFirst, options.LeadingCommentLines);
            var kind = unit.Kind.ToString().ToLowerInvariant();
            var label = unit.Owner is null ? $"{kind} {unit.Name}" : $"{kind} {unit.Name} of {unit.Owner}";
            var preambleFirst = Math.Max(_previousUnitLast + 1, unitFirst - options.PreambleLines);
            var preamble = options.PreambleLines > 0 && preambleFirst < first ? lines.CommentParagraphs(preambleFirst, first - 1, options.BoilerplateWords) : string.Empty;
            var comments = documentation + "\n" + preamble + lines.Comments(first, unitLast);
            Chunks.Add(new Chunk(NextId(ChunkKind.Unit, unit.Name), path, ChunkKind.Unit, UnitName(unit), unit.Name, first + 1, headerLast + 1)
            {
                Context = label,
                Names = [.. names],
                Comments = comments,
                Body = summary.ToString(),
                Snippet = lines.Text(unitFirst, Math.Min(headerLast, unitFirst + options.SnippetLines - 1)),
                IgnoreCase = isVhdl,
                Anchors = [unit.NameLocation.Span.Start],
            });
        }

        private void AddAssignmentGroups(DesignUnitSymbol unit)
        {
            var ordered = unit.ContinuousAssignments.OrderBy(assignment => assignment.Location.Span.Start).ToList();
            var group = new List<AssignmentSymbol>();
            foreach (var assignment in ordered)
            {
                if (group.Count > 0
                    && (assignment.Location.Start.Line - group[^1].Location.End.Line > options.AssignmentGroupGap + 1
                        || group.Count >= options.MaxAssignmentsPerGroup
                        || !string.Equals(assignment.Scope, group[0].Scope, StringComparison.Ordinal)))
                {
                    AddAssignmentGroup(unit, group);
                    group.Clear();
                }

                group.Add(assignment);
            }

            if (group.Count > 0)
            {
                AddAssignmentGroup(unit, group);
            }
        }

        private void AddAssignmentGroup(DesignUnitSymbol unit, List<AssignmentSymbol> group)
        {
            var targets = group.SelectMany(assignment => assignment.Targets).Select(target => target.Name).Distinct(StringComparer.Ordinal).ToList();
            var name = targets.Count == 0 ? "assign" : $"assign {targets[0]}";
            var first = group[0].Location.Start.Line;
            var last = group.Max(assignment => assignment.Location.End.Line);
            Add(ChunkKind.Assignments, unit, name, lines.LeadingCommentStart(first, options.LeadingCommentLines), last, Context(unit, group[0].Scope, name),
                [.. targets], null, null, [.. group.Select(assignment => assignment.Location.Span.Start)]);
        }

        private void Add(ChunkKind kind, DesignUnitSymbol unit, string name, int first, int last, string context, ImmutableArray<string> names, string? documentation, string? extraBody, ImmutableArray<int> anchors)
        {
            last = Math.Max(first, last);
            var bodyLast = Math.Min(last, first + options.MaxBodyLines - 1);
            var body = lines.Code(first, bodyLast);
            if (extraBody is not null)
            {
                body = body + "\n" + extraBody;
            }

            var comments = lines.Comments(first, bodyLast);
            if (!string.IsNullOrEmpty(documentation) && !comments.Contains(documentation.Trim(), StringComparison.Ordinal))
            {
                comments = documentation + "\n" + comments;
            }

            Chunks.Add(new Chunk(NextId(kind, name), path, kind, UnitName(unit), name, first + 1, last + 1)
            {
                Context = context,
                Names = names,
                Comments = comments,
                Body = body,
                Snippet = lines.Text(first, Math.Min(last, first + options.SnippetLines - 1)),
                IgnoreCase = isVhdl,
                Anchors = anchors,
            });
        }

        /// <summary>Gives the chunk just added the role words of its signal.</summary>
        private void WithRole(SignalRoles? roles, string signal)
        {
            if (roles?.Describe(signal) is { Length: > 0 } role)
            {
                Chunks[^1] = Chunks[^1] with { Role = role };
            }
        }

        /// <summary>The statements that write a signal: what a signal means is mostly in how it is driven.</summary>
        private string? DriverText(DesignUnitSymbol unit, string signal)
        {
            var builder = new StringBuilder();
            var count = 0;
            foreach (var assignment in unit.ContinuousAssignments.Concat(unit.Processes.SelectMany(process => process.Assignments)))
            {
                if (count >= options.MaxDriverLines)
                {
                    break;
                }

                if (assignment.Targets.Any(target => string.Equals(target.Name, signal, NameComparison)))
                {
                    builder.Append(lines.Code(assignment.Location.Start.Line, assignment.Location.Start.Line)).Append('\n');
                    count++;
                }
            }

            return count == 0 ? null : builder.ToString();
        }

        private int SubprogramEnd(SubprogramSymbol subprogram, int first, int unitLast)
        {
            string[] endWords = isVhdl ? ["end"] : [subprogram.Kind == SubprogramKind.Task ? "endtask" : "endfunction"];
            var end = lines.FindLineWithWord(first + (isVhdl ? 1 : 0), Math.Min(unitLast, first + options.MaxSubprogramLines), endWords, NameComparison);
            if (isVhdl)
            {
                // A VHDL subprogram ends at `end [function|procedure] [name];`, the first `end` at the body's nesting
                // level; without a parser here, the first `end function/procedure/name` line is the practical bound.
                string[] closers = [$"end function", "end procedure", $"end {subprogram.Name}"];
                var closer = lines.FindLineWithWord(first + 1, Math.Min(unitLast, first + options.MaxSubprogramLines), closers, StringComparison.OrdinalIgnoreCase);
                end = closer >= 0 ? closer : end;
            }

            return end >= 0 ? end : first;
        }

        private string NextId(ChunkKind kind, string name)
        {
            var key = $"{path}#{kind.ToString().ToLowerInvariant()}:{name}";
            var ordinal = _ordinals.GetValueOrDefault(key);
            _ordinals[key] = ordinal + 1;
            return ordinal == 0 ? key : $"{key}:{ordinal.ToString(CultureInfo.InvariantCulture)}";
        }

        private static string UnitName(DesignUnitSymbol unit) => unit.Kind == DesignUnitKind.Architecture && unit.Owner is not null ? unit.Owner : unit.Name;

        private static string Context(DesignUnitSymbol unit, string? scope, string name) =>
            scope is null ? $"{unit.Name} > {name}" : $"{unit.Name} > {scope} > {name}";

        private static string Keyword(ProcessKind kind) => kind switch
        {
            ProcessKind.AlwaysFf => "always_ff",
            ProcessKind.AlwaysComb => "always_comb",
            ProcessKind.AlwaysLatch => "always_latch",
            ProcessKind.Process => "process",
            _ => kind.ToString().ToLowerInvariant(),
        };
    }
}
