using System.Net;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace Orchestrator.Adapters.Kubernetes;

/// <summary>
/// The HTTP requests the adapter makes, each through the KubernetesClient and retried by <see cref="ApiCallRetry"/>:
/// read one object, list a collection, send a write, open a watch stream. Paths come from <see cref="ResourceType"/>.
/// </summary>
/// <remarks>
/// Reads, lists and writes hold one of <paramref name="concurrentRequests"/> slots from the request until its body is
/// read, so that many at once queue here instead of each opening a connection of its own: the connection pool opens one
/// per request in flight and keeps it (~10 KB of buffers each), which at 1,000 node supervisors writing at once was
/// ~1,000 connections. Watches hold a connection for minutes and take no slot, so they never wait behind requests
/// nor hold requests up.
/// </remarks>
public sealed class ApiRequests(KubernetesRestClient client, ApiCallRetry retry, int concurrentRequests)
{
    private readonly SemaphoreSlim slots = new(concurrentRequests, concurrentRequests);

    /// <summary>The object's JSON, or null when the server answers 404.</summary>
    public async Task<string?> ReadAsync(string path, ApiCall call, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(HttpMethod.Get, path, null, call, cancellationToken);
        }
        catch (KubernetesApiException notFound) when (notFound.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Sends a request and returns the answer's body; a refusal throws <see cref="KubernetesApiException"/>.</summary>
    public Task<string> SendAsync(HttpMethod method, string path, object? body, ApiCall call, CancellationToken cancellationToken) =>
        retry.ExecuteAsync(call, async token =>
        {
            using var response = await client.SendAsync(method, path, body, token);
            return await response.Content.ReadAsStringAsync(token);
        }, cancellationToken, slots);

    /// <summary>The collection's objects (with apiVersion and kind, which list items lack) and its resourceVersion.</summary>
    public async Task<ObjectList<T>> ListAsync<T>(ResourceType type, string? @namespace, string? labelSelector, ApiCall call, CancellationToken cancellationToken,
        string? fieldSelector = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var path = type.ListPath(@namespace) + Query(("labelSelector", labelSelector), ("fieldSelector", fieldSelector));
        using var list = JsonDocument.Parse(await SendAsync(HttpMethod.Get, path, null, call, cancellationToken));
        var items = new List<T>();
        if (list.RootElement.TryGetProperty("items", out var elements) && elements.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in elements.EnumerateArray())
                items.Add(WithType(KubernetesJson.Deserialize<T>(element), type));
        }
        var resourceVersion = list.RootElement.TryGetProperty("metadata", out var metadata)
            && metadata.TryGetProperty("resourceVersion", out var version) ? version.GetString() ?? "" : "";
        return new ObjectList<T>(items, resourceVersion);
    }

    /// <summary>
    /// Opens a watch from <paramref name="resourceVersion"/> with bookmarks. The request's timeout covers the wait
    /// for the answer's headers only; the stream then lives until the server ends it or the caller cancels.
    /// </summary>
    public Task<HttpResponseMessage> OpenWatchAsync(ResourceType type, string? @namespace, string? labelSelector, string resourceVersion, TimeSpan serverTimeout, ApiCall call, CancellationToken cancellationToken,
        string? fieldSelector = null)
    {
        var path = type.ListPath(@namespace) + Query(
            ("watch", "true"),
            ("allowWatchBookmarks", "true"),
            ("resourceVersion", resourceVersion),
            ("timeoutSeconds", ((int)serverTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("labelSelector", labelSelector),
            ("fieldSelector", fieldSelector));
        return retry.ExecuteAsync(call, token => client.SendAsync(HttpMethod.Get, path, null, token), cancellationToken);
    }

    public static T WithType<T>(T @object, ResourceType type)
        where T : IKubernetesObject
    {
        @object.ApiVersion ??= type.ApiVersion;
        @object.Kind ??= type.Kind;
        return @object;
    }

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(parameter => !string.IsNullOrEmpty(parameter.Value)).ToList();
        return present.Count == 0
            ? ""
            : "?" + string.Join("&", present.Select(parameter => $"{parameter.Name}={Uri.EscapeDataString(parameter.Value!)}"));
    }
}
