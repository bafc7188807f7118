namespace Hdl.Retrieval.Http;

/// <summary>
/// How the remote adapters (Qdrant, OpenAI-compatible embeddings) retry a request. Exponential backoff from
/// <see cref="InitialDelay"/> doubling up to <see cref="MaxDelay"/>; a server's <c>Retry-After</c> seconds win when
/// larger, because a rate-limited server knows better than our schedule when it will accept work again.
/// </summary>
public sealed record HttpRetryOptions
{
    /// <summary>Attempts in total, the first one included (1 = no retry).</summary>
    public int MaxAttempts { get; init; } = 4;

    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Each attempt gets this long to produce response headers; a stalled attempt counts as transient.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
