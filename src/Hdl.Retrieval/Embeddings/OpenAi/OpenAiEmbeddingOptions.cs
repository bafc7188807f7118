using System.Text;
using Hdl.Retrieval.Http;

namespace Hdl.Retrieval.Embeddings.OpenAi;

/// <summary>An OpenAI-compatible embeddings endpoint: OpenAI, Ollama, vLLM, llama.cpp server, LocalAI.</summary>
/// <param name="Endpoint">
/// The server's OpenAI API base (http://localhost:11434/v1) or the full embeddings URL. A bare host gets
/// <c>/v1/embeddings</c>, any other path gets <c>/embeddings</c> appended, a path ending in <c>/embeddings</c> is used as is.
/// </param>
/// <param name="Model">Model name as the server knows it (nomic-embed-text, text-embedding-3-small, …).</param>
public sealed record OpenAiEmbeddingOptions(Uri Endpoint, string Model)
{
    public const string EndpointVariable = "HDL_EMBEDDING_ENDPOINT";
    public const string ModelVariable = "HDL_EMBEDDING_MODEL";
    public const string ApiKeyVariable = "HDL_EMBEDDING_API_KEY";

    /// <summary>Bearer token; from settings or <see cref="ApiKeyVariable"/> only, never written to the index or logs.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Requested output size, for models that can shorten their vectors (text-embedding-3-*); null for the model's own.</summary>
    public int? Dimensions { get; init; }

    /// <summary>Texts per request. OpenAI takes up to 2048 inputs; local servers are happier with fewer.</summary>
    public int BatchSize { get; init; } = 64;

    public HttpRetryOptions Retry { get; init; } = new();

    /// <summary>The URL requests go to, derived from <see cref="Endpoint"/> as described there.</summary>
    public Uri EmbeddingsUrl
    {
        get
        {
            var path = Endpoint.AbsolutePath.TrimEnd('/');
            var suffix = path.EndsWith("/embeddings", StringComparison.OrdinalIgnoreCase) ? string.Empty
                : path.Length == 0 ? "/v1/embeddings"
                : "/embeddings";
            return new UriBuilder(Endpoint) { Path = path + suffix }.Uri;
        }
    }

    /// <summary>
    /// Options from <see cref="EndpointVariable"/>, <see cref="ModelVariable"/> and <see cref="ApiKeyVariable"/> read
    /// through <paramref name="getVariable"/> (the host passes the process environment). Null with
    /// <paramref name="problem"/> unset when no endpoint is configured; null with a sentence in
    /// <paramref name="problem"/> when the configuration is incomplete or malformed.
    /// </summary>
    public static OpenAiEmbeddingOptions? FromEnvironment(Func<string, string?> getVariable, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        problem = null;
        var endpoint = getVariable(EndpointVariable);
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }

        if (!Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problem = $"{EndpointVariable} is not an http(s) URL: '{endpoint}'.";
            return null;
        }

        var model = getVariable(ModelVariable);
        if (string.IsNullOrWhiteSpace(model))
        {
            problem = $"{EndpointVariable} is set but {ModelVariable} is not; name the embedding model the server should use.";
            return null;
        }

        var apiKey = getVariable(ApiKeyVariable);
        return new OpenAiEmbeddingOptions(uri, model.Trim()) { ApiKey = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim() };
    }

    // Records print every property; the key must not reach a log through ToString.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Endpoint = {Endpoint}, Model = {Model}, ApiKey = {(ApiKey is null ? "(none)" : "***")}, ");
        builder.Append($"Dimensions = {Dimensions?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(model default)"}, BatchSize = {BatchSize}");
        return true;
    }
}
