using System.Net;
using System.Net.Sockets;
using k8s.Autorest;

namespace Orchestrator.Adapters.Kubernetes;

/// <summary>Which failures are worth another attempt: the server is busy or broken for a moment, or the network is.</summary>
public static class TransientFailure
{
    private static readonly HashSet<HttpStatusCode> RetriedStatuses =
    [
        HttpStatusCode.TooManyRequests,
        HttpStatusCode.InternalServerError,
        HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable,
        HttpStatusCode.GatewayTimeout,
    ];

    /// <param name="callerToken">A cancellation the caller asked for is final; any other is a request timeout.</param>
    public static bool IsTransient(Exception exception, CancellationToken callerToken) => exception switch
    {
        HttpOperationException http => RetriedStatuses.Contains(http.Response?.StatusCode ?? 0),
        OperationCanceledException => !callerToken.IsCancellationRequested,
        HttpRequestException or IOException or SocketException or TimeoutException => true,
        _ => false,
    };

    /// <summary>The delay a 429 or 503 asks for in its Retry-After header (seconds or an HTTP date), if any.</summary>
    public static TimeSpan? RetryAfter(Exception exception, DateTimeOffset now)
    {
        if (exception is not HttpOperationException { Response.Headers: { } headers })
            return null;
        var value = headers
            .FirstOrDefault(header => string.Equals(header.Key, "Retry-After", StringComparison.OrdinalIgnoreCase))
            .Value?.FirstOrDefault();
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (int.TryParse(value, out var seconds))
            return TimeSpan.FromSeconds(Math.Max(0, seconds));
        if (DateTimeOffset.TryParse(value, out var at))
            return at > now ? at - now : TimeSpan.Zero;
        return null;
    }

    /// <summary>The HTTP status of an API failure, or null for a transport failure.</summary>
    public static HttpStatusCode? StatusOf(Exception exception) =>
        exception is HttpOperationException { Response: { } response } ? response.StatusCode : null;
}
