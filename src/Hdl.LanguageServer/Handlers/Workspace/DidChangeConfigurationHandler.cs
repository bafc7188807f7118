using Hdl.LanguageServer.Protocol;

namespace Hdl.LanguageServer.Handlers.Workspace;

/// <summary>New settings; settings that change how files are parsed index the workspace again.</summary>
internal sealed class DidChangeConfigurationHandler : NotificationHandler<DidChangeConfigurationParams>
{
    public override string Method => "workspace/didChangeConfiguration";

    public override void Handle(DidChangeConfigurationParams notification, MutationContext context)
    {
        var configuration = context.State.Configuration.Read(notification.Settings);
        context.ReindexRequested = configuration.AffectsIndex(context.State.Configuration);
        context.State = context.State.WithConfiguration(configuration);
    }
}
