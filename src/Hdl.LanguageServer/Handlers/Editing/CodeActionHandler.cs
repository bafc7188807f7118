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
                Hierarchy = state.IndexReady ? state.HierarchyIfReady() : null,
                WorkspaceFiles = state.WorkspaceFiles,
                ConfigurationRoot = state.Roots.FirstOrDefault(root => path.StartsWith(root.TrimEnd('/', '\\') + Path.DirectorySeparatorChar, StringComparison.Ordinal)) ?? state.Roots.FirstOrDefault(),
                ReadFile = file => state.GetText(file)?.Text,
            },
            cancellationToken);
        var only = request.Context?.Only;
        return [.. actions
            .Select(action => Conversions.ToCodeAction(action, request.Context?.Diagnostics ?? [], context.UriOf))
            .Where(action => only is not { IsDefaultOrEmpty: false } kinds || kinds.Any(kind => action.Kind == kind || action.Kind.StartsWith(kind + ".", StringComparison.Ordinal)))];
    }
}
