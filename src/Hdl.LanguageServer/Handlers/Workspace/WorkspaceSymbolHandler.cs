using System.Collections.Immutable;
using Hdl.LanguageServer.Protocol;
using Hdl.Workspace.Features;

namespace Hdl.LanguageServer.Handlers.Workspace;

internal sealed class WorkspaceSymbolHandler : RequestHandler<WorkspaceSymbolParams, ImmutableArray<SymbolInformation>>
{
    public override string Method => "workspace/symbol";

    public override ImmutableArray<SymbolInformation> Handle(WorkspaceSymbolParams request, RequestContext context, CancellationToken cancellationToken) =>
        [.. WorkspaceSymbolSearch.Search(context.Index, request.Query ?? string.Empty, WorkspaceSymbolOptions.Default, cancellationToken)
            .Select(hit => new SymbolInformation(hit.Name, Conversions.ToSymbolKind(hit.Kind), context.ToLocation(hit.Location), hit.Container))];
}
