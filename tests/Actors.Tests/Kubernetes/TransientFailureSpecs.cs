using System.Net;
using System.Net.Http.Headers;
using k8s.Autorest;
using Orchestrator.Adapters.Kubernetes;

namespace Orchestrator.Actors.Tests.Kubernetes;

public class TransientFailureSpecs
{
    internal static HttpOperationException Answer(HttpStatusCode status, string body = "", RetryConditionHeaderValue? retryAfter = null)
    {
        using var response = new HttpResponseMessage(status);
        response.Headers.RetryAfter = retryAfter;
        return new HttpOperationException($"status {status}") { Response = new HttpResponseMessageWrapper(response, body) };
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public void Busy_or_broken_servers_are_retried(HttpStatusCode status)
    {
        Assert.True(TransientFailure.IsTransient(Answer(status), CancellationToken.None));
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.Gone)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    [InlineData(HttpStatusCode.Forbidden)]
    public void Answers_that_mean_something_are_not_retried_blindly(HttpStatusCode status)
    {
        Assert.False(TransientFailure.IsTransient(Answer(status), CancellationToken.None));
    }

    [Fact]
    public void Transport_failures_and_request_timeouts_are_retried()
    {
        Assert.True(TransientFailure.IsTransient(new HttpRequestException("connection refused"), CancellationToken.None));
        Assert.True(TransientFailure.IsTransient(new IOException("reset"), CancellationToken.None));
        Assert.True(TransientFailure.IsTransient(new TaskCanceledException(), CancellationToken.None));
    }

    [Fact]
    public void A_cancellation_the_caller_asked_for_is_final()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.False(TransientFailure.IsTransient(new OperationCanceledException(cancelled.Token), cancelled.Token));
    }

    [Fact]
    public void Retry_after_in_seconds_is_honoured()
    {
        var failure = Answer(HttpStatusCode.TooManyRequests, retryAfter: new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)));

        Assert.Equal(TimeSpan.FromSeconds(3), TransientFailure.RetryAfter(failure, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Retry_after_as_a_date_waits_until_then()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var failure = Answer(HttpStatusCode.ServiceUnavailable, retryAfter: new RetryConditionHeaderValue(now.AddSeconds(7)));

        Assert.Equal(TimeSpan.FromSeconds(7), TransientFailure.RetryAfter(failure, now));
    }

    [Fact]
    public void Without_retry_after_the_backoff_decides()
    {
        Assert.Null(TransientFailure.RetryAfter(Answer(HttpStatusCode.TooManyRequests), DateTimeOffset.UnixEpoch));
        Assert.Null(TransientFailure.RetryAfter(new HttpRequestException("down"), DateTimeOffset.UnixEpoch));
    }
}
