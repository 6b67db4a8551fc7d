using System.Text.Json;
using k8s;
using k8s.Models;

namespace Orchestrator.Adapters.Kubernetes;

/// <summary>
/// An open watch response read one JSON line at a time, as the API server writes them. Ends (null) when the server
/// closes the stream; a broken connection surfaces as the reader's exception.
/// </summary>
public sealed class WatchStream<T>(HttpResponseMessage response, ResourceType type) : IAsyncDisposable
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private StreamReader? reader;

    public async Task<WatchEvent<T>?> ReadAsync(CancellationToken cancellationToken)
    {
        reader ??= new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken);
            if (line is null)
                return null;
            if (!string.IsNullOrWhiteSpace(line))
                return Parse(line, type);
        }
    }

    public static WatchEvent<T> Parse(string line, ResourceType type)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var eventType = root.GetProperty("type").GetString() ?? "";
        var @object = root.GetProperty("object");
        if (eventType == WatchEvent<T>.ErrorType)
            return new WatchEvent<T>(eventType, null, null, KubernetesJson.Deserialize<V1Status>(@object));
        var resourceVersion = @object.TryGetProperty("metadata", out var metadata)
            && metadata.TryGetProperty("resourceVersion", out var version) ? version.GetString() : null;
        if (eventType == WatchEvent<T>.Bookmark)
            return new WatchEvent<T>(eventType, null, resourceVersion, null);
        return new WatchEvent<T>(eventType, ApiRequests.WithType(KubernetesJson.Deserialize<T>(@object), type), resourceVersion, null);
    }

    public ValueTask DisposeAsync()
    {
        reader?.Dispose();
        response.Dispose();
        return ValueTask.CompletedTask;
    }
}
