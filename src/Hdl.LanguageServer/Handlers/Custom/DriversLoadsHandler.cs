using Hdl.LanguageServer.Protocol;
using Hdl.Workspace.Features;
using StreamJsonRpc;

namespace Hdl.LanguageServer.Handlers.Custom;

/// <summary>`hdl/driversLoads`: drivers and loads of `unit.signal` or `top.inst.signal`, crossing port connections.</summary>
internal sealed class DriversLoadsHandler : RequestHandler<DriversLoadsParams, DriversLoadsResult>
{
    public override string Method => "hdl/driversLoads";

    public override DriversLoadsResult Handle(DriversLoadsParams request, RequestContext context, CancellationToken cancellationToken)
    {
        var flow = context.State.Flow;
        var reference = flow.Resolve(request.Signal ?? string.Empty, request.Signal?.Count(c => c == '.') > 1 ? context.State.Hierarchy : null)
            ?? throw new LocalRpcException($"no unit or instance path matches '{request.Signal}'") { ErrorCode = ErrorCodes.InvalidParams };
        var depth = Math.Clamp(request.Depth ?? 1, 1, 64);
        return new DriversLoadsResult(
            request.Signal!,
            [.. flow.Drivers(reference, depth, cancellationToken).Select(step => Convert(step, context))],
            [.. flow.Loads(reference, depth, cancellationToken).Select(step => Convert(step, context))]);
    }

    private static SignalFlowItem Convert(SignalFlowStep step, RequestContext context) => new(
        step.Depth, step.Path, step.UnitName, step.Edge.Source, step.Edge.Target, step.Edge.Kind.ToString(), step.IsPortConnection,
        string.IsNullOrEmpty(step.Edge.Location.Path) ? null : context.ToLocation(step.Edge.Location));
}
