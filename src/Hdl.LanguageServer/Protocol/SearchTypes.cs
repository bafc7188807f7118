using System.Collections.Immutable;

namespace Hdl.LanguageServer.Protocol;

// hdl/search: the retrieval engine over the workspace. kind: module|block|signal|all; mode: lexical|vector|graph|hybrid.

public sealed record SearchParams(string? Query, string? Kind, int? Top, string? Mode);

/// <summary>Why a result matched: the query terms it contains, its rank in each retriever, the graph path that reached it.</summary>
public sealed record SearchWhy(string Summary, ImmutableArray<string> MatchedTerms, ImmutableDictionary<string, int> Ranks, string? GraphPath);

public sealed record SearchResultItem(string Uri, Range Range, string Unit, string Name, string Kind, string Granularity, string Context, double Score, string Snippet, SearchWhy Why);

public sealed record SearchResult(string Query, string Mode, string Kind, ImmutableArray<SearchResultItem> Items);
