using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Hdl.Retrieval.Tests.Http;

/// <summary>One expected request and the canned answer (or transport failure) the fake server gives.</summary>
internal sealed record Exchange(string Method, string PathAndQuery, string? RequestJson, HttpStatusCode Status, string ResponseBody)
{
    public Exception? Failure { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    public static Exchange Expect(string method, string pathAndQuery, string? requestJson = null) =>
        new(method, pathAndQuery, requestJson, HttpStatusCode.OK, string.Empty);

    public Exchange Reply(int status, string body) => this with { Status = (HttpStatusCode)status, ResponseBody = body };

    public Exchange Fail(Exception failure) => this with { Failure = failure };
}

/// <summary>
/// A fake server that walks through a script of exchanges: each request must match the next one (method, path,
/// JSON body compared as JSON), and gets its canned answer. Headers of every request are kept for inspection.
/// </summary>
internal sealed class ScriptedHttpHandler(params Exchange[] script) : HttpMessageHandler
{
    private readonly Queue<Exchange> _script = new(script);

    public List<HttpRequestMessage> Requests { get; } = [];

    public List<TimeSpan> Delays { get; } = [];

    public bool Finished => _script.Count == 0;

    /// <summary>The retry delay to inject: records the wait instead of waiting.</summary>
    public Task RecordDelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        Delays.Add(delay);
        return Task.CompletedTask;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        Assert.True(_script.Count > 0, $"unexpected request {request.Method} {request.RequestUri}");
        var expected = _script.Dequeue();
        Assert.Equal(expected.Method, request.Method.Method);
        Assert.Equal(expected.PathAndQuery, request.RequestUri!.PathAndQuery);
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        if (expected.RequestJson is null)
        {
            Assert.Null(body);
        }
        else
        {
            Assert.Equal("application/json", request.Content!.Headers.ContentType?.MediaType);
            Assert.Equal(NormalizeJson(expected.RequestJson), NormalizeJson(body!));
        }

        if (expected.Failure is not null)
        {
            throw expected.Failure;
        }

        var response = new HttpResponseMessage(expected.Status)
        {
            Content = new StringContent(expected.ResponseBody, Encoding.UTF8, "application/json"),
            RequestMessage = request,
        };
        if (expected.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter);
        }

        return response;
    }

    public static string NormalizeJson(string json) => JsonNode.Parse(json)!.ToJsonString();
}
