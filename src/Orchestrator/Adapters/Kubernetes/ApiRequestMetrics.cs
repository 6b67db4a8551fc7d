using Orchestrator.Actors.Telemetry;

namespace Orchestrator.Adapters.Kubernetes;

/// <summary>
/// Counts every request of the KubernetesClient's HTTP pipeline by verb, resource and status code
/// (orchestrator_api_requests_total), read from the request itself so the adapter's code stays as it is.
/// </summary>
public sealed class ApiRequestMetrics : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var (verb, kind) = Describe(request);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            OrchestratorMetrics.ApiRequests.WithLabels(verb, kind, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
            return response;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            OrchestratorMetrics.ApiRequests.WithLabels(verb, kind, "error").Inc();
            throw;
        }
    }

    /// <summary>
    /// The Kubernetes verb (get, list, watch, create, update, patch, delete) and the resource (plural, with
    /// "/status" for the subresource) of a request path such as /apis/apps/v1/namespaces/ns/deployments/name.
    /// </summary>
    public static (string Verb, string Kind) Describe(HttpRequestMessage request)
    {
        var path = request.RequestUri?.AbsolutePath.Trim('/').Split('/') ?? [];
        var rest = path is ["api", _, ..] ? path[2..] : path is ["apis", _, _, ..] ? path[3..] : [];
        if (rest is ["namespaces", _, _, ..])
            rest = rest[2..];
        var kind = rest.Length switch
        {
            0 => "other",
            3 => rest[0] + "/" + rest[2],
            _ => rest[0],
        };
        var isItem = rest.Length >= 2;
        var watch = request.RequestUri?.Query.Contains("watch=true", StringComparison.Ordinal) == true;
        var verb = request.Method.Method switch
        {
            "GET" => watch ? "watch" : isItem ? "get" : "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            var other => other.ToLowerInvariant(),
        };
        return (verb, kind);
    }
}
