using System.Collections.Immutable;
using Hdl.LanguageServer.Protocol;
using Hdl.Retrieval.Chunking;
using Hdl.Retrieval.Search;
using Hdl.Syntax.Text;
using StreamJsonRpc;

namespace Hdl.LanguageServer.Handlers.Custom;

/// <summary>`hdl/search`: ranked modules, blocks and signals for a plain-words query, from the retrieval index.</summary>
internal sealed class SearchHandler : RequestHandler<SearchParams, SearchResult>
{
    public override string Method => "hdl/search";

    public override SearchResult Handle(SearchParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            throw new LocalRpcException("'query' is required") { ErrorCode = ErrorCodes.InvalidParams };
        }

        Granularity? granularity = request.Kind?.ToLowerInvariant() switch
        {
            null or "" or "all" => null,
            "module" => Granularity.Module,
            "block" => Granularity.Block,
            "signal" => Granularity.Signal,
            _ => throw new LocalRpcException($"unknown kind '{request.Kind}' (expected module, block, signal or all)") { ErrorCode = ErrorCodes.InvalidParams },
        };
        var mode = request.Mode?.ToLowerInvariant() switch
        {
            null or "" or "hybrid" => SearchMode.Hybrid,
            "lexical" => SearchMode.Lexical,
            "vector" => SearchMode.Vector,
            "graph" => SearchMode.Graph,
            _ => throw new LocalRpcException($"unknown mode '{request.Mode}' (expected lexical, vector, graph or hybrid)") { ErrorCode = ErrorCodes.InvalidParams },
        };
        var retrieval = context.Retrieval ?? throw new LocalRpcException("no retrieval index in this server") { ErrorCode = ErrorCodes.RequestFailed };
        var options = SearchOptions.Default with { Granularity = granularity, Top = Math.Clamp(request.Top ?? 10, 1, 200), Mode = mode };
        var hits = retrieval.Search(request.Query, options, cancellationToken);
        return new SearchResult(request.Query, mode.ToString().ToLowerInvariant(), granularity?.ToString().ToLowerInvariant() ?? "all", [.. hits.Select(hit => Convert(hit, context))]);
    }

    private static SearchResultItem Convert(SearchHit hit, RequestContext context)
    {
        var chunk = hit.Chunk;

        // Chunk lines are 1-based and inclusive; the range ends at the start of the line after the last.
        var range = new Protocol.Range(Conversions.ToPosition(new LinePosition(Math.Max(0, chunk.StartLine - 1), 0)), Conversions.ToPosition(new LinePosition(Math.Max(0, chunk.EndLine), 0)));
        var why = new SearchWhy(
            hit.Why,
            hit.MatchedTerms,
            hit.Sources.GroupBy(source => source.Retriever.ToString().ToLowerInvariant()).ToImmutableDictionary(group => group.Key, group => group.Min(source => source.Rank)),
            hit.GraphPath);
        return new SearchResultItem(context.UriOf(chunk.Path), range, chunk.Unit, chunk.Name, chunk.Kind.ToString().ToLowerInvariant(), chunk.Granularity.ToString().ToLowerInvariant(), chunk.Context, Math.Round(hit.Score, 6), chunk.Snippet, why);
    }
}
