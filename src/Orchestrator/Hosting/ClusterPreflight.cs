using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using k8s;
using k8s.Autorest;

namespace Orchestrator.Hosting;

/// <summary>
/// One GET /version through the real KubernetesClient, before anything starts, so that a cluster which cannot be
/// reached or does not speak Kubernetes is named in one line within a few seconds (connection refused, no such host,
/// TLS, 401, 403, not Kubernetes) instead of every API call retrying it for the whole --timeout. Faults that come
/// later in a run are transient and keep the adapter's retries.
/// </summary>
public static class ClusterPreflight
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Null when the server answered /version as Kubernetes does, else "SERVER: cause".</summary>
    public static async Task<string?> CheckAsync(KubernetesClientConfiguration configuration, CancellationToken cancellationToken,
        TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var server = configuration.Host?.TrimEnd('/') ?? "the cluster";
        using var client = new k8s.Kubernetes(configuration);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            var version = await client.Version.GetCodeAsync(deadline.Token).WaitAsync(limit + TimeSpan.FromSeconds(1), cancellationToken);
            return string.IsNullOrEmpty(version?.GitVersion)
                ? $"{server}: not a Kubernetes API server (GET /version has no gitVersion)"
                : null;
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{server}: {Describe(error, limit)}";
        }
    }

    /// <summary>The cause of a failed GET /version, in a few words.</summary>
    public static string Describe(Exception error, TimeSpan timeout)
    {
        if (error is HttpOperationException { Response: { } response })
        {
            return response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => "401 Unauthorized: the kubeconfig's credentials were not accepted",
                HttpStatusCode.Forbidden => "403 Forbidden: the kubeconfig's user may not read /version",
                _ when IsKubernetesStatus(response.Content) =>
                    $"{(int)response.StatusCode} {response.ReasonPhrase}: the API server refused GET /version",
                _ => $"not a Kubernetes API server (GET /version answered {(int)response.StatusCode} {response.ReasonPhrase})",
            };
        }
        if (SocketCause.Of(error) is { } refused)
            return refused;
        for (var current = error; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case AuthenticationException tls:
                    return $"TLS handshake failed: {OneLine(tls.Message)}";
                case JsonException:
                    return "not a Kubernetes API server (GET /version did not answer JSON)";
                case HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } secure:
                    return $"TLS handshake failed (is the server https?): {OneLine(secure.Message)}";
                case HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse }:
                    return "not a Kubernetes API server (no HTTP answer; is the server plain http, or https?)";
                case OperationCanceledException or TimeoutException:
                    return $"no answer to GET /version within {timeout.TotalSeconds:0} s";
            }
        }
        var innermost = error;
        while (innermost.InnerException is not null)
            innermost = innermost.InnerException;
        return OneLine(innermost.Message);
    }

    private static bool IsKubernetesStatus(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return false;
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("kind", out var kind) && kind.GetString() == "Status";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
