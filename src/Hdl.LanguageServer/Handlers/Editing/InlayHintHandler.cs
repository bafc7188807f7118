using System.Collections.Immutable;
using Hdl.LanguageServer.Protocol;
using Hdl.Workspace.Features;

namespace Hdl.LanguageServer.Handlers.Editing;

/// <summary>
/// Port direction and width at named connections, names at positional connections and call arguments. Widths come from
/// the hierarchy when it is elaborated; until then the declared dimensions are shown and elaboration runs in the background.
/// </summary>
internal sealed class InlayHintHandler : RequestHandler<InlayHintParams, ImmutableArray<InlayHint>>
{
    public override string Method => "textDocument/inlayHint";

    public override ImmutableArray<InlayHint> Handle(InlayHintParams request, RequestContext context, CancellationToken cancellationToken) =>
        context.PathOf(request.TextDocument) is { } path && context.TextOf(path) is { } text
            ? [.. InlayHints.Compute(context.Index, context.State.IndexReady ? context.State.HierarchyIfReady() : null, text, Conversions.ToLinePosition(request.Range.Start), Conversions.ToLinePosition(request.Range.End), cancellationToken)
                .Select(Conversions.ToInlayHint)]
            : [];
}
