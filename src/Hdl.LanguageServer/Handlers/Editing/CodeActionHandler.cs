using System.Collections.Immutable;
using Hdl.LanguageServer.Protocol;
using Hdl.Workspace.Features;

namespace Hdl.LanguageServer.Handlers.Editing;

/// <summary>
/// Quick fixes for the diagnostics at the range (by code: HDL1101, HDL2001, HDL3001) and refactorings (fill missing
/// ports, instantiate a unit); the diagnostics are the server's own findings, tied back to the client's by code and range.
/// </summary>
internal sealed class CodeActionHandler : RequestHandler<CodeActionParams, ImmutableArray<CodeAction>>
{
    public static readonly ImmutableArray<string> Kinds = ["quickfix", "refactor.rewrite"];

    public override string Method => "textDocument/codeAction";

    public override ImmutableArray<CodeAction> Handle(CodeActionParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (context.PathOf(request.TextDocument) is not { } path || context.TextOf(path) is not { } text)
        {
            return [];
        }

        var state = context.State;
        var actions = CodeActions.Compute(
            new CodeActionRequest(context.Index, text, Conversions.ToLinePosition(request.Range.Start), Conversions.ToLinePosition(request.Range.End))
            {
                Hierarchy = state.IndexReady ? state.Hierarchy : null,
                WorkspaceFiles = state.WorkspaceFiles,
                ConfigurationRoot = state.Roots.FirstOrDefault(root => path.StartsWith(root.TrimEnd('/', '\\') + Path.DirectorySeparatorChar, StringComparison.Ordinal)) ?? state.Roots.FirstOrDefault(),
                ReadFile = file => state.GetText(file)?.Text,
            },
            cancellationToken);
        var only = request.Context?.Only;
        return [.. actions
            .Select(action => Convert(action, request.Context?.Diagnostics ?? [], context))
            .Where(action => only is not { IsDefaultOrEmpty: false } kinds || kinds.Any(kind => action.Kind == kind || action.Kind.StartsWith(kind + ".", StringComparison.Ordinal)))];
    }

    private static CodeAction Convert(CodeActionItem action, ImmutableArray<LspDiagnostic> clientDiagnostics, RequestContext context)
    {
        ImmutableArray<LspDiagnostic>? diagnostics = null;
        if (action.Fixes is { } fixes)
        {
            var range = Conversions.ToRange(fixes.Location);
            var client = clientDiagnostics.IsDefault ? null : clientDiagnostics.FirstOrDefault(diagnostic => diagnostic.Code == fixes.Id && diagnostic.Range.Start == range.Start);
            diagnostics = [client ?? Conversions.ToDiagnostic(fixes, context.UriOf)];
        }

        var edits = action.Changes
            .GroupBy(change => context.UriOf(change.Path))
            .Select(group => (Uri: group.Key, Edits: group.Select(change => new TextEdit(Conversions.ToRange(change.Start, change.End), change.NewText)).ToImmutableArray()))
            .ToList();
        var edit = action.CreatedFiles.IsEmpty
            ? new CodeActionEdit(edits.ToImmutableDictionary(entry => entry.Uri, entry => entry.Edits), null)
            : new CodeActionEdit(null, [
                .. action.CreatedFiles.Select(file => (object)new CreateFile(context.UriOf(file), new CreateFileOptions(Overwrite: false, IgnoreIfExists: true))),
                .. edits.Select(entry => (object)new TextDocumentEdit(new OptionalVersionedTextDocumentIdentifier(entry.Uri, null), entry.Edits))]);
        return new CodeAction(action.Title, action.Kind == CodeActionKind.QuickFix ? "quickfix" : "refactor.rewrite", diagnostics, action.IsPreferred ? true : null, edit);
    }
}
