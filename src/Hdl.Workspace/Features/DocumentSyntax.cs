using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Hdl.Design;
using Hdl.Syntax;
using Hdl.Syntax.Preprocessor;
using Hdl.Syntax.Text;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Features;

/// <summary>Why a range folds, as editors group them.</summary>
public enum FoldingKind
{
    Region,
    Comment,
    Inactive,
}

public readonly record struct FoldingRegion(int StartLine, int EndLine, FoldingKind Kind);

/// <summary>What a token is, for highlighting beyond what a grammar-based highlighter knows.</summary>
public enum TokenClass
{
    Keyword,
    Comment,
    String,
    Number,
    Unit,
    Port,
    Parameter,
    Signal,
    Variable,
    Type,
    EnumMember,
    Function,
    Instance,
    SystemFunction,
}

/// <summary>A classified piece of one line: start position, length in UTF-16 units, class, and whether it declares the name.</summary>
public readonly record struct ClassifiedSpan(LinePosition Start, int Length, TokenClass Class, bool IsDeclaration);

/// <summary>A `include written in a file and the file it resolved to.</summary>
public sealed record IncludeLink(Location Directive, string TargetPath);

/// <summary>
/// The syntax tree of a document (an open editor buffer or a file), parsed with the workspace's options and kept
/// per text: folding, highlighting, include links and inactive `ifdef regions are read from it. The index drops trees
/// to stay small, so these features parse the one document they are asked about.
/// </summary>
public sealed class DocumentSyntax
{
    private readonly ConditionalWeakTable<SourceText, SyntaxTree> _trees = [];

    public SyntaxTree Parse(WorkspaceIndexOptions options, SourceText text, IIncludeSource includes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(text);
        if (_trees.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var tree = SyntaxParser.Parse(text, options.ParseOptions, includes, cancellationToken);
        return _trees.GetValue(text, _ => tree);
    }

    /// <summary>Ranges of the preprocessor's inactive `ifdef branches in the file itself.</summary>
    public static ImmutableArray<Location> InactiveRegions(SyntaxTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return InactiveRegions(tree.Text, tree.Preprocessor.InactiveRegions);
    }

    /// <summary>
    /// Ranges of a file's inactive `ifdef branches from what its analysis recorded (<see cref="IndexedFile.InactiveRegions"/>),
    /// without parsing it again; null when the analysis recorded none or was made from another text.
    /// </summary>
    public static ImmutableArray<Location>? InactiveRegions(IndexedFile file, SourceText text)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(text);
        return file.InactiveRegions is { } spans && file.ContentHash == WorkspaceIndex.HashOf(text.Text) ? InactiveRegions(text, spans) : null;
    }

    private static ImmutableArray<Location> InactiveRegions(SourceText text, ImmutableArray<TextSpan> spans) =>
        [.. spans.Where(span => span.Length > 0 && span.End <= text.Length).Select(text.GetLocation)];

    public static ImmutableArray<IncludeLink> Includes(SyntaxTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return [.. tree.Preprocessor.Includes
            .Where(include => include.ResolvedPath is not null && include.DirectiveLocation.Path == tree.Text.Path)
            .Select(include => new IncludeLink(include.DirectiveLocation, include.ResolvedPath!))];
    }

    /// <summary>Units, generate blocks, processes and subprograms that span lines, runs of comments, and inactive regions.</summary>
    public static ImmutableArray<FoldingRegion> Folding(SyntaxTree tree, DesignFile? design)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var regions = new List<FoldingRegion>();
        void Add(Location location, FoldingKind kind)
        {
            if (location.Path == tree.Text.Path && location.End.Line > location.Start.Line)
            {
                regions.Add(new FoldingRegion(location.Start.Line, location.End.Line, kind));
            }
        }

        foreach (var unit in design?.Units ?? [])
        {
            Add(unit.Extent, FoldingKind.Region);
            foreach (var process in unit.Processes)
            {
                Add(process.Location, FoldingKind.Region);
            }

            foreach (var block in unit.GenerateBlocks)
            {
                Add(block.Location, FoldingKind.Region);
            }

            foreach (var subprogram in unit.Subprograms)
            {
                Add(subprogram.Location, FoldingKind.Region);
            }

            foreach (var instance in unit.Instances)
            {
                Add(instance.Location, FoldingKind.Region);
            }
        }

        // Consecutive line comments fold as one block, as a block comment does.
        int? runStart = null;
        var runEnd = -1;
        foreach (var comment in tree.Comments)
        {
            var location = comment.Location;
            if (location.End.Line > location.Start.Line)
            {
                Add(location, FoldingKind.Comment);
                continue;
            }

            if (runStart is not null && location.Start.Line == runEnd + 1)
            {
                runEnd = location.Start.Line;
                continue;
            }

            if (runStart is { } start && runEnd > start)
            {
                regions.Add(new FoldingRegion(start, runEnd, FoldingKind.Comment));
            }

            runStart = location.Start.Line;
            runEnd = location.Start.Line;
        }

        if (runStart is { } last && runEnd > last)
        {
            regions.Add(new FoldingRegion(last, runEnd, FoldingKind.Comment));
        }

        foreach (var inactive in InactiveRegions(tree))
        {
            Add(inactive, FoldingKind.Inactive);
        }

        return [.. regions.Distinct().OrderBy(region => region.StartLine).ThenByDescending(region => region.EndLine)];
    }

    /// <summary>
    /// Tokens of the file itself (not of includes or macro bodies) and its comments, classified, in order, each within
    /// one line; identifiers take the class of what the file's units declare under that name. Limited to
    /// <paramref name="range"/> when given.
    /// </summary>
    public static ImmutableArray<ClassifiedSpan> Classify(SyntaxTree tree, DesignFile? design, TextSpan? range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var names = DeclaredNames(design, tree.Language == HdlLanguage.Vhdl);
        var spans = new List<(TextSpan Span, TokenClass Class, bool Declaration)>();
        foreach (var token in tree.Tokens)
        {
            if (!token.IsInMainFile || token.IsMissing || token.Span.Length == 0 || (range is { } limit && !Overlaps(limit, token.Span)))
            {
                continue;
            }

            if (Classify(token, names) is { } classified)
            {
                spans.Add((token.Span, classified.Class, classified.Declaration));
            }
        }

        foreach (var comment in tree.Comments)
        {
            if (comment.IsInMainFile && (range is not { } limit || Overlaps(limit, comment.Span)))
            {
                spans.Add((comment.Span, TokenClass.Comment, false));
            }
        }

        spans.Sort((left, right) => left.Span.Start.CompareTo(right.Span.Start));
        var result = ImmutableArray.CreateBuilder<ClassifiedSpan>(spans.Count);
        var previousEnd = 0;
        var lines = tree.Text.Lines;
        foreach (var (span, tokenClass, declaration) in spans)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (span.Start < previousEnd || span.End > tree.Text.Length)
            {
                continue;
            }

            previousEnd = span.End;
            var start = lines.GetPosition(span.Start);
            var end = lines.GetPosition(span.End);
            for (var line = start.Line; line <= end.Line; line++)
            {
                var from = line == start.Line ? span.Start : lines.GetLineStart(line);
                var to = line == end.Line ? span.End : LineContentEnd(tree.Text.Text, lines.GetLineStart(line));
                if (to > from)
                {
                    result.Add(new ClassifiedSpan(new LinePosition(line, from - lines.GetLineStart(line)), to - from, tokenClass, declaration));
                }
            }
        }

        return result.ToImmutable();
    }

    private static int LineContentEnd(string text, int lineStart)
    {
        var end = lineStart;
        while (end < text.Length && text[end] != '\n' && text[end] != '\r')
        {
            end++;
        }

        return end;
    }

    private static bool Overlaps(TextSpan range, TextSpan span) => span.Start < range.End && span.End > range.Start;

    private static (TokenClass Class, bool Declaration)? Classify(SyntaxToken token, Dictionary<string, (TokenClass Class, HashSet<int> Declarations)> names)
    {
        var kind = token.KindName;
        if (kind.EndsWith("IDENTIFIER", StringComparison.Ordinal))
        {
            if (kind == "SYSTEM_TF_IDENTIFIER")
            {
                return (TokenClass.SystemFunction, false);
            }

            return names.TryGetValue(token.Text, out var declared) ? (declared.Class, declared.Declarations.Contains(token.Span.Start)) : null;
        }

        if (kind.Contains("STRING", StringComparison.Ordinal) || kind == "CHARACTER_LITERAL")
        {
            return (TokenClass.String, false);
        }

        if (kind.EndsWith("_NUMBER", StringComparison.Ordinal) || kind.EndsWith("_LITERAL", StringComparison.Ordinal))
        {
            return (TokenClass.Number, false);
        }

        var text = token.Text;
        return text.Length > 1 && char.IsLetter(text[0]) && text.Equals(kind.TrimEnd('_'), StringComparison.OrdinalIgnoreCase) ? (TokenClass.Keyword, false) : null;
    }

    private static Dictionary<string, (TokenClass Class, HashSet<int> Declarations)> DeclaredNames(DesignFile? design, bool ignoreCase)
    {
        var names = new Dictionary<string, (TokenClass, HashSet<int>)>(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        void Add(string name, TokenClass tokenClass, Hdl.Syntax.Text.Location location)
        {
            if (!names.TryGetValue(name, out var entry))
            {
                entry = (tokenClass, []);
                names[name] = entry;
            }

            if (location.Path == design!.Path)
            {
                entry.Item2.Add(location.Span.Start);
            }
        }

        foreach (var unit in design?.Units ?? [])
        {
            Add(unit.Name, TokenClass.Unit, unit.NameLocation);
            foreach (var parameter in unit.Parameters)
            {
                Add(parameter.Name, parameter.IsType ? TokenClass.Type : TokenClass.Parameter, parameter.Location);
            }

            foreach (var port in unit.Ports)
            {
                Add(port.Name, TokenClass.Port, port.Location);
            }
            foreach (var instance in unit.Instances)
            {
                Add(instance.UnitName, TokenClass.Unit, default);
                Add(instance.InstanceName, TokenClass.Instance, instance.Location);
            }

            foreach (var subprogram in unit.Subprograms)
            {
                Add(subprogram.Name, TokenClass.Function, subprogram.Location);
            }

            foreach (var declaration in unit.Declarations)
            {
                var tokenClass = DocumentOutline.KindOf(declaration.Kind) switch
                {
                    OutlineKind.Type => TokenClass.Type,
                    OutlineKind.EnumMember => TokenClass.EnumMember,
                    OutlineKind.Constant => TokenClass.Parameter,
                    OutlineKind.Signal => TokenClass.Signal,
                    _ => TokenClass.Variable,
                };
                Add(declaration.Name, tokenClass, declaration.Location);
            }

        }

        return names;
    }
}
