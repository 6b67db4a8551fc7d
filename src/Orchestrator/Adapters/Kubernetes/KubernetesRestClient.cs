using k8s;

namespace Orchestrator.Adapters.Kubernetes;

/// <summary>
/// The KubernetesClient with its request path opened to any resource path. The typed API has one method per
/// kind; the adapter is generic over kinds, so it sends through the same pipeline the typed methods use
/// (credentials, TLS, the client's JSON options, its error handling), only with a path it builds itself.
/// Handlers join the client's HTTP pipeline (tests use one to let another writer race a request).
/// </summary>
public sealed class KubernetesRestClient(KubernetesClientConfiguration configuration, params DelegatingHandler[] handlers)
    : k8s.Kubernetes(configuration, handlers)
{
    /// <summary>
    /// Sends one request and returns the response (headers read, body not yet). A status outside 2xx throws
    /// <see cref="k8s.Autorest.HttpOperationException"/> with the response's code and headers.
    /// </summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string relativeUri, object? body, CancellationToken cancellationToken) =>
        SendRequest(relativeUri, method, customHeaders: null, body, cancellationToken);
}
