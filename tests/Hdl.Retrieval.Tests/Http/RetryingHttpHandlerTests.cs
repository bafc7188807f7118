using System.Net;
using Hdl.Retrieval.Http;

namespace Hdl.Retrieval.Tests.Http;

public class RetryingHttpHandlerTests
{
    private static readonly HttpRetryOptions Options = new()
    {
        MaxAttempts = 4,
        InitialDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromMilliseconds(300),
    };

    [Fact]
    public async Task Transient_statuses_and_transport_errors_are_retried_with_doubling_capped_delays()
    {
        var server = new ScriptedHttpHandler(
            Exchange.Expect("POST", "/work", "{}").Reply(503, "busy"),
            Exchange.Expect("POST", "/work", "{}").Fail(new HttpRequestException("connection reset")),
            Exchange.Expect("POST", "/work", "{}").Reply(502, "bad gateway"),
            Exchange.Expect("POST", "/work", "{}").Reply(200, "done"));

        var (status, body) = await SendAsync(server);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("done", body);
        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(300)], server.Delays);
        Assert.True(server.Finished);
    }

    [Fact]
    public async Task A_rate_limit_waits_as_long_as_the_server_asks()
    {
        var server = new ScriptedHttpHandler(
            Exchange.Expect("POST", "/work", "{}").Reply(429, "slow down") with { RetryAfter = TimeSpan.FromSeconds(3) },
            Exchange.Expect("POST", "/work", "{}").Reply(200, "done"));

        var (status, _) = await SendAsync(server);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([TimeSpan.FromSeconds(3)], server.Delays);
    }

    [Fact]
    public async Task A_client_error_is_returned_at_once()
    {
        var server = new ScriptedHttpHandler(Exchange.Expect("POST", "/work", "{}").Reply(400, "bad request"));

        var (status, body) = await SendAsync(server);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("bad request", body);
        Assert.Empty(server.Delays);
    }

    [Fact]
    public async Task After_the_last_attempt_the_last_error_response_is_returned_for_the_caller_to_report()
    {
        var server = new ScriptedHttpHandler(
            Exchange.Expect("POST", "/work", "{}").Reply(500, "one"),
            Exchange.Expect("POST", "/work", "{}").Reply(500, "two"),
            Exchange.Expect("POST", "/work", "{}").Reply(500, "three"),
            Exchange.Expect("POST", "/work", "{}").Reply(500, "four"));

        var (status, body) = await SendAsync(server);

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("four", body);
        Assert.Equal(3, server.Delays.Count);
    }

    [Fact]
    public async Task A_transport_error_on_the_last_attempt_is_thrown()
    {
        var server = new ScriptedHttpHandler(
            Exchange.Expect("POST", "/work", "{}").Fail(new HttpRequestException("refused")),
            Exchange.Expect("POST", "/work", "{}").Fail(new HttpRequestException("refused")));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(server, Options with { MaxAttempts = 2 }));

        Assert.Equal("refused", error.Message);
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(ScriptedHttpHandler server, HttpRetryOptions? options = null)
    {
        using var client = new HttpClient(new RetryingHttpHandler(options ?? Options, server, server.RecordDelayAsync));
        using var response = await client.PostAsync(new Uri("http://service.test/work"), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
