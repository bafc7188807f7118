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
        if (context.PathOf(request.TextDocument) is not { } path || context.TextOf(path) is not { } text || OnIncludeDirective(context, text, position)
            || SymbolNavigation.SymbolAt(context.Index, path, position) is not { } symbol || DeclarationLookup.IdentifierAt(text, position) is not { } word)
        {
            return null;
        }

        return new PrepareRenameResult(Conversions.ToRange(text.GetLocation(word)), symbol.Name);
    }

    /// <summary>
    /// An `include directive names a file, which rename does not change; answered from the line's text, so a rename
    /// there does not wait for the bindings of every file that includes the header.
    /// </summary>
    internal static bool OnIncludeDirective(RequestContext context, Hdl.Syntax.Text.SourceText text, Hdl.Syntax.Text.LinePosition position) =>
        IncludeNavigation.TargetAt(text, position, context.State.Includes, context.Index.Options.Preprocessor.IncludeDirectories) is not null;
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

        var position = Conversions.ToLinePosition(request.Position);
        if (context.PathOf(request.TextDocument) is not { } path || (context.TextOf(path) is { } text && PrepareRenameHandler.OnIncludeDirective(context, text, position)))
        {
            return null;
        }

        var locations = SymbolNavigation.FindReferences(context.Index, path, position, ReferenceSearchOptions.Default, cancellationToken);
        return locations.IsEmpty ? null : new WorkspaceEdit(locations
            .GroupBy(location => context.UriOf(location.Path))
            .ToImmutableDictionary(group => group.Key, group => group.Select(location => new TextEdit(Conversions.ToRange(location), request.NewName)).ToImmutableArray()));
    }

    private static bool IsIdentifier(string? name) =>
        !string.IsNullOrEmpty(name) && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');
}
