using System.Collections.Immutable;
using Hdl.LanguageServer.Protocol;
using Hdl.Workspace.Features;
using StreamJsonRpc;

namespace Hdl.LanguageServer.Handlers.Navigation;

/// <summary>Rename is offered on a bound name: the range of the identifier and its current text.</summary>
internal sealed class PrepareRenameHandler : RequestHandler<TextDocumentPositionParams, PrepareRenameResult>
{
    public override string Method => "textDocument/prepareRename";

    public override PrepareRenameResult? Handle(TextDocumentPositionParams request, RequestContext context, CancellationToken cancellationToken)
    {
        var position = Conversions.ToLinePosition(request.Position);
        if (context.PathOf(request.TextDocument) is not { } path || SymbolNavigation.SymbolAt(context.Index, path, position) is not { } symbol
            || context.TextOf(path) is not { } text || DeclarationLookup.IdentifierAt(text, position) is not { } word)
        {
            return null;
        }

        return new PrepareRenameResult(Conversions.ToRange(text.GetLocation(word)), symbol.Name);
    }
}

/// <summary>Renames the declaration and every use the bindings know, across files and languages.</summary>
internal sealed class RenameHandler : RequestHandler<RenameParams, WorkspaceEdit>
{
    public override string Method => "textDocument/rename";

    public override WorkspaceEdit? Handle(RenameParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (!IsIdentifier(request.NewName))
        {
            throw new LocalRpcException($"'{request.NewName}' is not an identifier") { ErrorCode = ErrorCodes.InvalidParams };
        }

        if (context.PathOf(request.TextDocument) is not { } path)
        {
            return null;
        }

        var locations = SymbolNavigation.FindReferences(context.Index, path, Conversions.ToLinePosition(request.Position), ReferenceSearchOptions.Default, cancellationToken);
        return locations.IsEmpty ? null : new WorkspaceEdit(locations
            .GroupBy(location => context.UriOf(location.Path))
            .ToImmutableDictionary(group => group.Key, group => group.Select(location => new TextEdit(Conversions.ToRange(location), request.NewName)).ToImmutableArray()));
    }

    private static bool IsIdentifier(string? name) =>
        !string.IsNullOrEmpty(name) && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');
}
