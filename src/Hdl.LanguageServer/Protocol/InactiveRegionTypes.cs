using System.Collections.Immutable;

namespace Hdl.LanguageServer.Protocol;

// hdl/inactiveRegions (server → client notification, after each publishDiagnostics of an open document): the ranges
// of `ifdef branches the preprocessor skipped, for clients that shade them.

public sealed record InactiveRegionsParams(string Uri, int? Version, ImmutableArray<Range> Regions);
