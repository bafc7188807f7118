using System.Collections.Immutable;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Text;
using Hdl.Workspace.Elaboration;
using Hdl.Workspace.Features.Editing;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Features;

/// <summary>Quick fixes repair a reported diagnostic; refactorings rewrite code that is not wrong.</summary>
public enum CodeActionKind
{
    QuickFix,
    Refactor,
}

/// <summary>Replace the text between two positions of a file (equal positions insert); the file may be one the action creates.</summary>
public sealed record TextChange(string Path, LinePosition Start, LinePosition End, string NewText);

/// <summary>One action: a title for the menu, its kind, the edits, the files it creates first, and the diagnostic it fixes.</summary>
public sealed record CodeActionItem(string Title, CodeActionKind Kind, ImmutableArray<TextChange> Changes)
{
    /// <summary>Files that do not exist yet and must be created (empty) before the changes apply.</summary>
    public ImmutableArray<string> CreatedFiles { get; init; } = [];

    public Diagnostic? Fixes { get; init; }

    public bool IsPreferred { get; init; }
}

/// <summary>
/// What code actions look at: the index (and its hierarchy for widths), the document and the selected range, the files
/// of the workspace (to find a header that an include misses) and the folder whose `hdl.json` an include fix edits.
/// </summary>
public sealed record CodeActionRequest(WorkspaceIndex Index, SourceText Text, LinePosition Start, LinePosition End)
{
    public InstanceHierarchy? Hierarchy { get; init; }

    /// <summary>Every file found in the workspace folders, headers included.</summary>
    public ImmutableArray<string> WorkspaceFiles { get; init; } = [];

    /// <summary>The workspace folder holding (or to hold) `hdl.json`; null offers no include fix.</summary>
    public string? ConfigurationRoot { get; init; }

    /// <summary>Reads a file other than the document (`hdl.json`), as the editor sees it; null when it does not exist.</summary>
    public Func<string, string?> ReadFile { get; init; } = _ => null;
}

/// <summary>
/// Code actions at a range: fill the missing ports of an instance, instantiate a module or entity (a unit named alone
/// on a line; a near name for an unresolved instance, HDL2001), add an include directory for an include the
/// preprocessor could not find whose file is elsewhere in the workspace (HDL1101), declare an undeclared signal
/// (HDL3001). Each is a set of exact text changes; nothing is written here.
/// </summary>
public static class CodeActions
{
    public static ImmutableArray<CodeActionItem> Compute(CodeActionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actions = new List<CodeActionItem>();
        foreach (var diagnostic in DiagnosticsAt(request))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (diagnostic.Id == DiagnosticCatalog.IncludeNotFound.Id)
            {
                actions.AddRange(IncludeDirectoryFix.Compute(request, diagnostic));
            }
            else if (diagnostic.Id == DiagnosticCatalog.UnresolvedIdentifier.Id)
            {
                if (SignalDeclarationFix.Compute(request, diagnostic) is { } declare)
                {
                    actions.Add(declare);
                }
            }
            else if (diagnostic.Id == DiagnosticCatalog.UnresolvedUnit.Id)
            {
                actions.AddRange(InstanceTemplates.NearNames(request, diagnostic));
            }
        }

        actions.AddRange(InstanceTemplates.FillMissingPorts(request, cancellationToken));
        if (InstanceTemplates.FromName(request) is { } instantiate)
        {
            actions.Add(instantiate);
        }

        return [.. actions];
    }

    /// <summary>The diagnostics this server reports in the document (syntax, preprocessor, binding, elaboration) that touch the range.</summary>
    public static ImmutableArray<Diagnostic> DiagnosticsAt(CodeActionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Text.Path;
        var found = new List<Diagnostic>();
        void Consider(IEnumerable<Diagnostic> diagnostics)
        {
            foreach (var diagnostic in diagnostics)
            {
                if (diagnostic.Location.Path == path && diagnostic.Location.End >= request.Start && diagnostic.Location.Start <= request.End)
                {
                    found.Add(diagnostic);
                }
            }
        }

        Consider(request.Index.GetFile(path)?.Diagnostics ?? []);
        Consider(request.Index.Bindings.DiagnosticsIn(path, CancellationToken.None));
        Consider(request.Hierarchy?.Diagnostics ?? []);
        return [.. found.Distinct()];
    }
}
