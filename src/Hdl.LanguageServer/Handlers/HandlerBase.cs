using System.Collections.Immutable;
using Hdl.LanguageServer.Protocol;
using Hdl.LanguageServer.Server;
using Hdl.Syntax;
using Hdl.Syntax.Text;
using Hdl.Workspace.Features;
using Hdl.Workspace.Index;

namespace Hdl.LanguageServer.Handlers;

/// <summary>One LSP method: its name and whether it changes server state (then it runs in arrival order, alone).</summary>
internal interface ILspHandler
{
    string Method { get; }

    bool MutatesState { get; }

    Type ParamsType { get; }
}

/// <summary>A read request: runs on the state current when it arrived, concurrently with other reads.</summary>
internal abstract class RequestHandler<TParams, TResult> : ILspHandler
    where TParams : class
{
    public abstract string Method { get; }

    public bool MutatesState => false;

    public Type ParamsType => typeof(TParams);

    public abstract TResult? Handle(TParams request, RequestContext context, CancellationToken cancellationToken);
}

/// <summary>A notification that changes state (documents, configuration, files on disk).</summary>
internal abstract class NotificationHandler<TParams> : ILspHandler
    where TParams : class
{
    public abstract string Method { get; }

    public bool MutatesState => true;

    public Type ParamsType => typeof(TParams);

    public abstract void Handle(TParams notification, MutationContext context);
}

/// <summary>What a read handler sees: the state captured when its request arrived, and the conversions that need it.</summary>
internal sealed class RequestContext(ServerState state, DocumentSyntax syntax, PathStyle pathStyle, RetrievalIndexHost? retrieval = null)
{
    public ServerState State { get; } = state;

    /// <summary>The retrieval index behind `hdl/search` (null where a context serves no requests, as in diagnostics).</summary>
    public RetrievalIndexHost? Retrieval { get; } = retrieval;

    public WorkspaceIndex Index => State.Index;

    public string? PathOf(string uri) => Conversions.ToPath(uri, pathStyle);

    public string? PathOf(TextDocumentIdentifier document) => PathOf(document.Uri);

    /// <summary>The URI of a path: the client's own spelling for an open document, so its diagnostics and links match.</summary>
    public string UriOf(string path) => State.Documents.TryGetValue(path, out var document) ? document.Uri : Conversions.ToUri(path, pathStyle);

    public LspLocation ToLocation(Location location) => new(UriOf(location.Path), Conversions.ToRange(location));

    public SourceText? TextOf(string path) => State.GetText(path);

    /// <summary>The syntax tree of a document or file, parsed once per text.</summary>
    public SyntaxTree? SyntaxOf(string path, CancellationToken cancellationToken) =>
        HdlLanguages.FromPath(path) is null || TextOf(path) is not { } text || text.Length > State.Configuration.MaxFileCharacters ? null : syntax.Parse(Index.Options, text, State.Includes, cancellationToken);
}

/// <summary>What a mutating handler may change: the next state, and which documents it touched.</summary>
internal sealed class MutationContext(ServerState state, PathStyle pathStyle)
{
    public ServerState State { get; set; } = state;

    public PathStyle PathStyle { get; } = pathStyle;

    public string? PathOf(string uri) => Conversions.ToPath(uri, PathStyle);

    /// <summary>Documents whose text changed: requests still running on them are cancelled as stale.</summary>
    public List<string> ChangedDocuments { get; } = [];

    /// <summary>Documents closed: their diagnostics are cleared.</summary>
    public List<OpenDocument> ClosedDocuments { get; } = [];

    /// <summary>Set when the workspace must be indexed again (folders or index settings changed).</summary>
    public bool ReindexRequested { get; set; }

    public ImmutableArray<string> ChangedPaths => [.. ChangedDocuments];
}
