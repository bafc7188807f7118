using System.Collections.Immutable;
using Hdl.LanguageServer.Protocol;
using Hdl.Workspace.Features;

namespace Hdl.LanguageServer.Handlers.Navigation;

/// <summary>Where the name at the cursor is declared; on an `include directive, the file it names (found without binding anything).</summary>
internal sealed class DefinitionHandler : RequestHandler<TextDocumentPositionParams, ImmutableArray<LspLocation>>
{
    public override string Method => "textDocument/definition";

    public override ImmutableArray<LspLocation> Handle(TextDocumentPositionParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (context.PathOf(request.TextDocument) is not { } path)
        {
            return [];
        }

        var position = Conversions.ToLinePosition(request.Position);
        return context.TextOf(path) is { } text && IncludeNavigation.TargetAt(text, position, context.State.Includes, context.Index.Options.Preprocessor.IncludeDirectories) is { } header
            ? [context.ToLocation(header)]
            : [.. SymbolNavigation.FindDefinition(context.Index, path, position).Select(context.ToLocation)];
    }
}

/// <summary>HDL names have one declaration, which is their definition (a VHDL component's entity aside).</summary>
internal sealed class DeclarationHandler : RequestHandler<TextDocumentPositionParams, ImmutableArray<LspLocation>>
{
    public override string Method => "textDocument/declaration";

    public override ImmutableArray<LspLocation> Handle(TextDocumentPositionParams request, RequestContext context, CancellationToken cancellationToken) =>
        context.PathOf(request.TextDocument) is { } path
            ? [.. SymbolNavigation.FindDefinition(context.Index, path, Conversions.ToLinePosition(request.Position)).Select(context.ToLocation)]
            : [];
}

/// <summary>Where the declared type of the name at the cursor is declared: typedef, struct, enum, class, VHDL type, or the unit of an instance.</summary>
internal sealed class TypeDefinitionHandler : RequestHandler<TextDocumentPositionParams, ImmutableArray<LspLocation>>
{
    public override string Method => "textDocument/typeDefinition";

    public override ImmutableArray<LspLocation> Handle(TextDocumentPositionParams request, RequestContext context, CancellationToken cancellationToken) =>
        context.PathOf(request.TextDocument) is { } path
            ? [.. SymbolNavigation.FindTypeDefinition(context.Index, path, Conversions.ToLinePosition(request.Position)).Select(context.ToLocation)]
            : [];
}
