using System.Collections.Immutable;
using Hdl.LanguageServer.Protocol;
using Hdl.Workspace.Elaboration;

namespace Hdl.LanguageServer.Handlers.Custom;

/// <summary>`hdl/hierarchy`: the elaborated instance tree from every top (or the one named), with where each instance is.</summary>
internal sealed class HierarchyHandler : RequestHandler<HierarchyParams, ImmutableArray<HierarchyItem>>
{
    public override string Method => "hdl/hierarchy";

    public override ImmutableArray<HierarchyItem> Handle(HierarchyParams request, RequestContext context, CancellationToken cancellationToken)
    {
        var hierarchy = string.IsNullOrEmpty(request.Top)
            ? context.State.Hierarchy
            : context.Index.Elaborate(ElaborationOptions.Default with { Tops = [request.Top] }, cancellationToken);
        return [.. hierarchy.Tops.Select(node => Convert(node, context))];
    }

    private static HierarchyItem Convert(HierarchyNode node, RequestContext context) => new(
        node.Name, node.UnitName, node.Resolution.ToString(), node.Location is { } location ? context.ToLocation(location) : null,
        [.. node.Children.Select(child => Convert(child, context))]);
}
