using Hdl.Retrieval.Embeddings.OpenAi;
using Hdl.Retrieval.Http;
using Hdl.Retrieval.Tests.Http;
using Microsoft.Extensions.AI;

namespace Hdl.Retrieval.Tests.Embeddings;

/// <summary>Requests and responses in the shapes of the OpenAI embeddings API reference (POST /v1/embeddings).</summary>
public class OpenAiEmbeddingGeneratorTests
{
    private static readonly OpenAiEmbeddingOptions Options = new(new Uri("http://llm.test:11434/v1"), "nomic-embed-text")
    {
        BatchSize = 2,
        Retry = new HttpRetryOptions { MaxAttempts = 2 },
    };

    [Fact]
    public async Task Texts_are_sent_in_batches_and_vectors_come_back_in_input_order()
    {
        var embeddings = await CheckAsync(
            Options,
            ["baud rate counter", "write response", "reset synchroniser"],
            Exchange.Expect("POST", "/v1/embeddings", """{"model":"nomic-embed-text","input":["baud rate counter","write response"]}""")
                .Reply(200, """
                    {"object":"list",
                     "data":[{"object":"embedding","index":1,"embedding":[0.0,1.0,-0.5]},{"object":"embedding","index":0,"embedding":[0.25,0.5,0.75]}],
                     "model":"nomic-embed-text","usage":{"prompt_tokens":6,"total_tokens":6}}
                    """),
            Exchange.Expect("POST", "/v1/embeddings", """{"model":"nomic-embed-text","input":["reset synchroniser"]}""")
                .Reply(200, """
                    {"object":"list","data":[{"object":"embedding","index":0,"embedding":[1,0,0]}],
                     "model":"nomic-embed-text","usage":{"prompt_tokens":3,"total_tokens":3}}
                    """));

        Assert.Equal([[0.25f, 0.5f, 0.75f], [0, 1, -0.5f], [1, 0, 0]], embeddings.Select(embedding => embedding.Vector.ToArray()));
        Assert.All(embeddings, embedding => Assert.Equal("nomic-embed-text", embedding.ModelId));
        Assert.Equal(9, embeddings.Usage?.InputTokenCount);
        Assert.Equal(9, embeddings.Usage?.TotalTokenCount);
    }

    [Fact]
    public async Task Requested_dimensions_are_sent_and_a_base64_answer_is_decoded()
    {
        var vector = new float[] { 0.5f, -2 };
        var base64 = Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()));
        var embeddings = await CheckAsync(
            Options with { Endpoint = new Uri("https://api.openai.test/v1/embeddings"), Model = "text-embedding-3-small", Dimensions = 2 },
            ["fifo full flag"],
            Exchange.Expect("POST", "/v1/embeddings", """{"model":"text-embedding-3-small","input":["fifo full flag"],"dimensions":2}""")
                .Reply(200, $$"""{"object":"list","data":[{"object":"embedding","index":0,"embedding":"{{base64}}"}],"model":"text-embedding-3-small"}"""));

        Assert.Equal(vector, Assert.Single(embeddings).Vector.ToArray());
        Assert.Null(embeddings.Usage);
    }

    [Theory]
    [InlineData("http://localhost:11434/v1", "http://localhost:11434/v1/embeddings")]
    [InlineData("http://localhost:8080", "http://localhost:8080/v1/embeddings")]
    [InlineData("http://localhost:8080/", "http://localhost:8080/v1/embeddings")]
    [InlineData("https://api.openai.com/v1/", "https://api.openai.com/v1/embeddings")]
    [InlineData("http://gateway/openai/v1/embeddings", "http://gateway/openai/v1/embeddings")]
    public void The_embeddings_url_is_derived_from_the_configured_endpoint(string endpoint, string expected)
    {
        Assert.Equal(new Uri(expected), (Options with { Endpoint = new Uri(endpoint) }).EmbeddingsUrl);
    }

    [Fact]
    public async Task The_api_key_is_a_bearer_token_and_is_kept_out_of_errors_and_printed_options()
    {
        var options = Options with { ApiKey = "sk-secret-123" };
        var server = new ScriptedHttpHandler(
            Exchange.Expect("POST", "/v1/embeddings", """{"model":"nomic-embed-text","input":["x"]}""")
                .Reply(401, """{"error":{"message":"Incorrect API key provided: sk-secret-123.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"""));
        using var generator = new OpenAiEmbeddingGenerator(options, server, server.RecordDelayAsync);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => generator.GenerateAsync(["x"]));

        Assert.Equal("Bearer sk-secret-123", server.Requests[0].Headers.Authorization?.ToString());
        Assert.Equal(
            "Embedding endpoint http://llm.test:11434/v1/embeddings (model nomic-embed-text): HTTP 401 Unauthorized: Incorrect API key provided: ***.",
            error.Message);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.DoesNotContain("sk-secret-123", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_model_reports_the_servers_message()
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => CheckAsync(
            Options,
            ["x"],
            Exchange.Expect("POST", "/v1/embeddings", """{"model":"nomic-embed-text","input":["x"]}""")
                .Reply(404, """{"error":"model \"nomic-embed-text\" not found, try pulling it first"}""")));

        Assert.Equal(
            "Embedding endpoint http://llm.test:11434/v1/embeddings (model nomic-embed-text): HTTP 404 Not Found: model \"nomic-embed-text\" not found, try pulling it first",
            error.Message);
    }

    [Fact]
    public async Task A_rate_limit_is_retried()
    {
        var embeddings = await CheckAsync(
            Options,
            ["x"],
            Exchange.Expect("POST", "/v1/embeddings", """{"model":"nomic-embed-text","input":["x"]}""")
                .Reply(429, """{"error":{"message":"Rate limit reached","type":"requests"}}"""),
            Exchange.Expect("POST", "/v1/embeddings", """{"model":"nomic-embed-text","input":["x"]}""")
                .Reply(200, """{"data":[{"index":0,"embedding":[1,2]}]}"""));

        Assert.Equal([1f, 2], Assert.Single(embeddings).Vector.ToArray());
    }

    [Fact]
    public async Task An_answer_with_a_vector_missing_is_an_error_not_a_short_list()
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => CheckAsync(
            Options,
            ["a", "b"],
            Exchange.Expect("POST", "/v1/embeddings", """{"model":"nomic-embed-text","input":["a","b"]}""")
                .Reply(200, """{"data":[{"index":0,"embedding":[1,2]}]}""")));

        Assert.EndsWith("the answer is not an embeddings response: no embedding for input 1 of 2.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_text_is_sent_as_a_space_which_every_server_accepts()
    {
        await CheckAsync(
            Options,
            [string.Empty],
            Exchange.Expect("POST", "/v1/embeddings", """{"model":"nomic-embed-text","input":[" "]}""")
                .Reply(200, """{"data":[{"index":0,"embedding":[0,0]}]}"""));
    }

    [Theory]
    [InlineData(null, null, null, null)]
    [InlineData("http://localhost:11434/v1", "nomic-embed-text", null, "")]
    [InlineData("http://localhost:11434/v1", "nomic-embed-text", "key", "")]
    [InlineData("http://localhost:11434/v1", null, null, "HDL_EMBEDDING_ENDPOINT is set but HDL_EMBEDDING_MODEL is not; name the embedding model the server should use.")]
    [InlineData("localhost:11434", "m", null, "HDL_EMBEDDING_ENDPOINT is not an http(s) URL: 'localhost:11434'.")]
    public void Options_come_from_the_environment_variables(string? endpoint, string? model, string? apiKey, string? expectedProblem)
    {
        var variables = new Dictionary<string, string?>
        {
            ["HDL_EMBEDDING_ENDPOINT"] = endpoint,
            ["HDL_EMBEDDING_MODEL"] = model,
            ["HDL_EMBEDDING_API_KEY"] = apiKey,
        };

        var options = OpenAiEmbeddingOptions.FromEnvironment(name => variables[name], out var problem);

        Assert.Equal(expectedProblem == string.Empty ? null : expectedProblem, problem);
        Assert.Equal(expectedProblem == string.Empty, options is not null);
        if (options is not null)
        {
            Assert.Equal(new Uri(endpoint!), options.Endpoint);
            Assert.Equal(model, options.Model);
            Assert.Equal(apiKey, options.ApiKey);
        }
    }

    private static async Task<GeneratedEmbeddings<Embedding<float>>> CheckAsync(OpenAiEmbeddingOptions options, string[] texts, params Exchange[] script)
    {
        var server = new ScriptedHttpHandler(script);
        using var generator = new OpenAiEmbeddingGenerator(options, server, server.RecordDelayAsync);
        var embeddings = await generator.GenerateAsync(texts);
        Assert.True(server.Finished, "the script has exchanges left over");
        return embeddings;
    }
}
