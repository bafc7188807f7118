using System.Net;

namespace Hdl.Retrieval.Http;

/// <summary>
/// Retries transient failures of a remote service: 429, 500, 502, 503, 504, transport errors and attempts that
/// exceed <see cref="HttpRetryOptions.AttemptTimeout"/>. Other statuses are returned at once (a 400 will not get
/// better by asking again). After the last attempt the last response is returned, so the caller can read the
/// service's own error message; if the last attempt failed in transport or timed out, that error is thrown.
/// </summary>
/// <remarks>
/// A handler rather than a loop in each client, so Qdrant and the embedding endpoint share one policy and the
/// HttpClient above stays the ordinary one. Requests must be replayable: bodies are buffered before the first send.
/// The delay is injectable so tests check the schedule without waiting for it.
/// </remarks>
public sealed class RetryingHttpHandler : DelegatingHandler
{
    private readonly HttpRetryOptions _options;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;

    public RetryingHttpHandler(HttpRetryOptions options, HttpMessageHandler innerHandler, Func<TimeSpan, CancellationToken, Task>? delay = null)
        : base(innerHandler)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxAttempts, "MaxAttempts must be at least 1.");
        }

        _options = options;
        _delay = delay ?? Task.Delay;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        for (var attempt = 1; ; attempt++)
        {
            var isLastAttempt = attempt >= _options.MaxAttempts;
            TimeSpan? retryAfter = null;
            using (var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attemptCancellation.CancelAfter(_options.AttemptTimeout);
                try
                {
                    var response = await base.SendAsync(request, attemptCancellation.Token).ConfigureAwait(false);
                    if (!IsTransient(response.StatusCode) || isLastAttempt)
                    {
                        return response;
                    }

                    retryAfter = response.Headers.RetryAfter?.Delta;
                    response.Dispose();
                }
                catch (HttpRequestException) when (!isLastAttempt)
                {
                    // Connection refused or reset: the service may be restarting.
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    if (isLastAttempt)
                    {
                        throw new TimeoutException(
                            $"{request.Method} {request.RequestUri} gave no response within {_options.AttemptTimeout.TotalSeconds:0.###} s ({attempt} attempt(s)).");
                    }
                }
            }

            await _delay(DelayBefore(attempt + 1, retryAfter), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The wait before attempt <paramref name="nextAttempt"/> (2 = first retry).</summary>
    internal TimeSpan DelayBefore(int nextAttempt, TimeSpan? retryAfter)
    {
        var exponent = Math.Min(nextAttempt - 2, 20);
        var backoff = TimeSpan.FromTicks(Math.Min(_options.InitialDelay.Ticks * (1L << exponent), _options.MaxDelay.Ticks));
        return retryAfter is { } serverDelay && serverDelay > backoff ? serverDelay : backoff;
    }

    private static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
