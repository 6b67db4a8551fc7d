using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Orchestrator.Actors.Ports;
using IKubernetes = Orchestrator.Actors.Ports.IKubernetes;
using Serilog;

namespace Orchestrator.Adapters.Kubernetes;

/// <summary>
/// The <see cref="IKubernetes"/> port over the real KubernetesClient: every call is HTTP to the API server.
/// Level-triggered: apply reads (or takes what a watch reported), compares the fields we render and writes only on a
/// difference; 409s are met by reading again; 429, 5xx and transport failures are retried by <see cref="ApiCallRetry"/>.
/// Logs name the verb, kind, namespace, name, outcome and attempts, never an object's content.
/// </summary>
public sealed class KubernetesAdapter : IKubernetes, IDisposable
{
    private readonly KubernetesRestClient client;
    private readonly ApiRequests requests;
    private readonly KubernetesAdapterOptions options;
    private readonly ILogger logger;

    public KubernetesAdapter(KubernetesRestClient client, KubernetesAdapterOptions options, ILogger logger, TimeProvider? time = null)
    {
        this.client = client;
        this.options = options;
        this.logger = logger.ForContext<KubernetesAdapter>();
        requests = new ApiRequests(client, new ApiCallRetry(options, time ?? TimeProvider.System, this.logger), options.ConcurrentRequests);
    }

    /// <summary>The writes this adapter made; `apply -o json` reports their total as apiWrites.</summary>
    public ApiWriteCount Writes { get; } = new();

    public Task<ApplyResult> ApplyAsync(IKubernetesObject<V1ObjectMeta> desired, CancellationToken cancellationToken) =>
        ApplyCoreAsync(desired, null, cancellationToken);

    public Task<ApplyResult> ApplyAsync(IKubernetesObject<V1ObjectMeta> desired, ObservedObject observed, CancellationToken cancellationToken) =>
        ApplyCoreAsync(desired, observed, cancellationToken);

    public IReadOnlyList<string> Drift(IKubernetesObject<V1ObjectMeta> desired, IKubernetesObject<V1ObjectMeta>? observed)
    {
        var type = ResourceType.Of(desired.GetType());
        return ApplyDecision.Decide(DesiredObject.From(desired, type), observed is null ? null : ObservedJson(observed, type)).Drift;
    }

    /// <summary>
    /// With <paramref name="observed"/> (a watch's report) the first decision is made on it, without a read; without it,
    /// or when it proved stale, every attempt reads first.
    /// </summary>
    private async Task<ApplyResult> ApplyCoreAsync(IKubernetesObject<V1ObjectMeta> desired, ObservedObject? observed, CancellationToken cancellationToken)
    {
        var type = ResourceType.Of(desired.GetType());
        var name = desired.Metadata?.Name;
        var @namespace = type.ScopeNamespace(desired.Metadata?.NamespaceProperty);
        var call = new ApiCall("apply", type.Kind, @namespace, name);
        var body = DesiredObject.From(desired, type);
        var itemPath = type.ItemPath(@namespace, name!);
        try
        {
            var attempt = 1;
            if (observed is not null)
            {
                var reported = observed.Object is null ? null : ObservedJson(observed.Object, type);
                if (await WriteOnceAsync(type, itemPath, body, reported, call, cancellationToken) is { } written)
                    return Applied(call, written.Outcome) with { Drift = written.Drift, ResourceVersion = written.ResourceVersion };
                attempt++;
            }
            for (; attempt <= options.ConflictAttempts; attempt++)
            {
                if (await ApplyOnceAsync(type, itemPath, body, call, cancellationToken) is { } applied)
                    return Applied(call, applied.Outcome) with { Drift = applied.Drift, ResourceVersion = applied.ResourceVersion };
            }
            throw KubernetesApiException.ConflictsPersisted(call, options.ConflictAttempts);
        }
        catch (KubernetesApiException failure)
        {
            throw Failed(call, failure);
        }
    }

    /// <summary>A watched object as the server would answer a read of it: the same JSON the comparison reads.</summary>
    private static JsonObject ObservedJson(IKubernetesObject<V1ObjectMeta> observed, ResourceType type) =>
        JsonNode.Parse(KubernetesJson.Serialize(ApiRequests.WithType(observed, type)))!.AsObject();

    /// <summary>Reads, then decides and writes once; null when another writer raced us and it must be read again.</summary>
    private async Task<(ApplyOutcome Outcome, IReadOnlyList<string> Drift, string? ResourceVersion)?> ApplyOnceAsync(
        ResourceType type, string itemPath, JsonObject body, ApiCall call, CancellationToken cancellationToken)
    {
        var observedJson = await requests.ReadAsync(itemPath, call, cancellationToken);
        var observed = observedJson is null ? null : JsonNode.Parse(observedJson)!.AsObject();
        return await WriteOnceAsync(type, itemPath, body, observed, call, cancellationToken);
    }

    /// <summary>
    /// Compares with what the server holds (as read, or as a watch reported it) and writes once; null when the write
    /// found the server otherwise (someone raced us, or the report was stale). The drift is what differed ("absent", or
    /// each field we render that the server held otherwise), for the audit.
    /// </summary>
    private async Task<(ApplyOutcome Outcome, IReadOnlyList<string> Drift, string? ResourceVersion)?> WriteOnceAsync(
        ResourceType type, string itemPath, JsonObject body, JsonObject? observed, ApiCall call, CancellationToken cancellationToken)
    {
        try
        {
            var (outcome, drift) = ApplyDecision.Decide(body, observed);
            switch (outcome)
            {
                case ApplyOutcome.Created:
                    var created = await requests.SendAsync(HttpMethod.Post, type.CollectionPath(call.Namespace), body, call, cancellationToken);
                    Writes.CountCreate();
                    return (ApplyOutcome.Created, drift, ResourceVersionOf(created));
                case ApplyOutcome.Unchanged:
                    return (ApplyOutcome.Unchanged, drift, observed?["metadata"]?["resourceVersion"]?.GetValue<string>());
                default:
                    var replaced = await requests.SendAsync(HttpMethod.Put, itemPath, ReplacementObject.From(body, observed!), call, cancellationToken);
                    Writes.CountUpdate();
                    return (ApplyOutcome.Updated, drift, ResourceVersionOf(replaced));
            }
        }
        catch (KubernetesApiException raced) when (raced.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            // AlreadyExists on create: someone (maybe our own earlier life) made it; Conflict on replace: it
            // changed since we read it; NotFound on replace: it was deleted. Each time: read again, decide again.
            logger.Debug("Kubernetes {Verb} {Kind} {Object} raced ({Reason}), reading again",
                call.Verb, call.Kind, call.Object, raced.Reason ?? raced.StatusCode.ToString());
            return null;
        }
    }

    private static string? ResourceVersionOf(string answer)
    {
        try
        {
            return JsonNode.Parse(answer)?["metadata"]?["resourceVersion"]?.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// What <see cref="ApplyAsync(IKubernetesObject{V1ObjectMeta}, CancellationToken)"/> would do with this object, without writing: the same read and the same
    /// <see cref="ApplyDecision"/>, with the body it would send and what the server holds (for `orchestrator diff`).
    /// </summary>
    public async Task<ObjectPreview> PreviewAsync(IKubernetesObject<V1ObjectMeta> desired, CancellationToken cancellationToken)
    {
        var type = ResourceType.Of(desired.GetType());
        var name = desired.Metadata?.Name!;
        var @namespace = type.ScopeNamespace(desired.Metadata?.NamespaceProperty);
        var call = new ApiCall("preview", type.Kind, @namespace, name);
        var body = DesiredObject.From(desired, type);
        var observedJson = await Logged(call, requests.ReadAsync(type.ItemPath(@namespace, name), call, cancellationToken));
        var observed = observedJson is null ? null : JsonNode.Parse(observedJson)!.AsObject();
        return new ObjectPreview(type.Kind, type.Group.Length == 0 ? type.Plural : $"{type.Plural}.{type.Group}", @namespace, name, ApplyDecision.Decide(body, observed).Outcome, body, observed);
    }

    public async Task<T?> GetAsync<T>(string? @namespace, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var type = ResourceType.Of<T>();
        var call = new ApiCall("get", type.Kind, type.ScopeNamespace(@namespace), name);
        var json = await Logged(call, requests.ReadAsync(type.ItemPath(call.Namespace, name), call, cancellationToken));
        return json is null ? null : ApiRequests.WithType(KubernetesJson.Deserialize<T>(json), type);
    }

    public async Task<IReadOnlyList<T>> ListAsync<T>(string? @namespace, string? labelSelector, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var type = ResourceType.Of<T>();
        var call = new ApiCall("list", type.Kind, type.ScopeNamespace(@namespace), labelSelector);
        var list = await Logged(call, requests.ListAsync<T>(type, call.Namespace, labelSelector, call, cancellationToken));
        return list.Items;
    }

    public async Task<bool> DeleteAsync<T>(string? @namespace, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var type = ResourceType.Of<T>();
        var call = new ApiCall("delete", type.Kind, type.ScopeNamespace(@namespace), name);
        var options = new V1DeleteOptions { PropagationPolicy = "Background" };
        try
        {
            await Logged(call, requests.SendAsync(HttpMethod.Delete, type.ItemPath(call.Namespace, name), options, call, cancellationToken));
        }
        catch (KubernetesApiException gone) when (gone.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        Writes.CountDelete();
        return true;
    }

    public IAsyncEnumerable<ObservedChange<T>> WatchAsync<T>(string? @namespace, string? labelSelector, CancellationToken cancellationToken, string? fieldSelector = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var type = ResourceType.Of<T>();
        var scope = type.ScopeNamespace(@namespace);
        // Fail on a bad scope now, not at the first MoveNext of a loop that is meant to run for ever.
        type.ListPath(scope);
        return WatchFreshAsync<T>(type, scope, labelSelector, fieldSelector, cancellationToken);
    }

    /// <summary>Each enumeration is its own watch, with its own list and resume point.</summary>
    private async IAsyncEnumerable<ObservedChange<T>> WatchFreshAsync<T>(
        ResourceType type, string? scope, string? labelSelector, string? fieldSelector, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var watch = new ResourceWatch<T>(requests, type, scope, labelSelector, options, logger, fieldSelector);
        await foreach (var change in watch.RunAsync(cancellationToken))
            yield return change;
    }

    public async Task UpdateStatusAsync<T>(T @object, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var type = ResourceType.Of(@object.GetType());
        var call = new ApiCall("update-status", type.Kind, type.ScopeNamespace(@object.Metadata?.NamespaceProperty), @object.Metadata?.Name);
        var statusPath = type.ItemPath(call.Namespace, call.Name!) + "/status";
        var body = JsonNode.Parse(KubernetesJson.Serialize(ApiRequests.WithType(@object, type)))!.AsObject();
        var status = body["status"]?.DeepClone();

        try
        {
            for (var attempt = 1; attempt <= options.ConflictAttempts; attempt++)
            {
                try
                {
                    await requests.SendAsync(HttpMethod.Put, statusPath, body, call, cancellationToken);
                    Writes.CountUpdate();
                    logger.Information("Kubernetes {Verb} {Kind} {Object}: {Outcome} after {Attempts} attempt(s)",
                        call.Verb, call.Kind, call.Object, ApplyOutcome.Updated, call.Attempts);
                    return;
                }
                catch (KubernetesApiException conflict) when (conflict.StatusCode == HttpStatusCode.Conflict)
                {
                    // Someone wrote the object since the caller read it: put our status on the current object.
                    var current = await requests.ReadAsync(type.ItemPath(call.Namespace, call.Name!), call, cancellationToken)
                        ?? throw KubernetesApiException.Missing(call);
                    body = JsonNode.Parse(current)!.AsObject();
                    body["status"] = status?.DeepClone();
                }
            }
            throw KubernetesApiException.ConflictsPersisted(call, options.ConflictAttempts);
        }
        catch (KubernetesApiException failure)
        {
            throw Failed(call, failure);
        }
    }

    public async Task PatchStatusAsync<T>(string? @namespace, string name, object status, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var type = ResourceType.Of<T>();
        var call = new ApiCall("patch-status", type.Kind, type.ScopeNamespace(@namespace), name);
        var patch = new JsonObject { ["status"] = JsonNode.Parse(KubernetesJson.Serialize(status)) };
        await Logged(call, requests.SendAsync(HttpMethod.Patch, type.ItemPath(call.Namespace, name) + "/status",
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), call, cancellationToken));
        Writes.CountPatch();
    }

    public async Task<ApplyResult> PatchMetadataAsync<T>(string? @namespace, string name, string? resourceVersion,
        IReadOnlyDictionary<string, string?> annotations, IReadOnlyDictionary<string, string?>? labels, IReadOnlyList<string>? finalizers,
        CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var type = ResourceType.Of<T>();
        var call = new ApiCall("patch-metadata", type.Kind, type.ScopeNamespace(@namespace), name);
        var metadata = new JsonObject();
        if (resourceVersion is not null)
            metadata["resourceVersion"] = resourceVersion;
        if (annotations.Count > 0)
            metadata["annotations"] = NodeLabels.MergePatch(annotations);
        if (labels is { Count: > 0 })
            metadata["labels"] = NodeLabels.MergePatch(labels);
        if (finalizers is not null)
            metadata["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
        var patch = new JsonObject { ["metadata"] = metadata };
        await Logged(call, requests.SendAsync(HttpMethod.Patch, type.ItemPath(call.Namespace, name),
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), call, cancellationToken));
        Writes.CountPatch();
        return Applied(call, ApplyOutcome.Updated);
    }

    public async Task RecordEventAsync(V1ObjectReference involved, string type, string reason, string message, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var resource = ResourceType.Of<Corev1Event>();
        message = message.Length > 1024 ? message[..1021] + "..." : message;
        var name = $"{involved.Name}.{EventKey(involved.Uid + "\n" + type + "\n" + reason + "\n" + message)}";
        var call = new ApiCall("record-event", resource.Kind, involved.NamespaceProperty, name);
        var itemPath = resource.ItemPath(involved.NamespaceProperty, name);
        var timestamp = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        for (var attempt = 1; attempt <= options.ConflictAttempts; attempt++)
        {
            var existing = await Logged(call, requests.ReadAsync(itemPath, call, cancellationToken));
            try
            {
                if (existing is null)
                {
                    var created = new JsonObject
                    {
                        ["apiVersion"] = "v1",
                        ["kind"] = "Event",
                        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = involved.NamespaceProperty },
                        ["involvedObject"] = JsonNode.Parse(KubernetesJson.Serialize(involved)),
                        ["type"] = type,
                        ["reason"] = reason,
                        ["message"] = message,
                        ["count"] = 1,
                        ["firstTimestamp"] = timestamp,
                        ["lastTimestamp"] = timestamp,
                        ["source"] = new JsonObject { ["component"] = "openstack-orchestrator" },
                        ["reportingComponent"] = "openstack-orchestrator",
                    };
                    await requests.SendAsync(HttpMethod.Post, resource.CollectionPath(involved.NamespaceProperty), created, call, cancellationToken);
                    Writes.CountCreate();
                    return;
                }
                var count = JsonNode.Parse(existing)?["count"]?.GetValue<int>() ?? 1;
                var patch = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["resourceVersion"] = JsonNode.Parse(existing)?["metadata"]?["resourceVersion"]?.DeepClone() },
                    ["count"] = count + 1,
                    ["lastTimestamp"] = timestamp,
                };
                await requests.SendAsync(HttpMethod.Patch, itemPath, new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), call, cancellationToken);
                Writes.CountPatch();
                return;
            }
            catch (KubernetesApiException raced) when (raced.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
            {
                // Another recorder made or counted it since we read it: read again and count on top.
            }
        }
        throw Failed(call, KubernetesApiException.ConflictsPersisted(call, options.ConflictAttempts));
    }

    private static string EventKey(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];

    public async Task<ApplyResult> LabelNodeAsync(string node, IReadOnlyDictionary<string, string?> labels, CancellationToken cancellationToken)
    {
        var type = ResourceType.Of<V1Node>();
        var call = new ApiCall("label", type.Kind, null, node);
        var observedJson = await Logged(call, requests.ReadAsync(type.ItemPath(null, node), call, cancellationToken))
            ?? throw Failed(call, KubernetesApiException.Missing(call));
        var observed = KubernetesJson.Deserialize<V1Node>(observedJson);
        var differing = NodeLabels.Differences(observed.Metadata?.Labels, labels);
        if (differing.Count == 0)
            return Applied(call, ApplyOutcome.Unchanged);

        var patch = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = NodeLabels.MergePatch(differing) } };
        await Logged(call, requests.SendAsync(HttpMethod.Patch, type.ItemPath(null, node), new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), call, cancellationToken));
        Writes.CountPatch();
        return Applied(call, ApplyOutcome.Updated);
    }

    public void Dispose() => client.Dispose();

    private ApplyResult Applied(ApiCall call, ApplyOutcome outcome)
    {
        logger.Write(outcome == ApplyOutcome.Unchanged ? Serilog.Events.LogEventLevel.Debug : Serilog.Events.LogEventLevel.Information,
            "Kubernetes {Verb} {Kind} {Object}: {Outcome} after {Attempts} attempt(s)",
            call.Verb, call.Kind, call.Object, outcome, call.Attempts);
        return new ApplyResult(outcome, call.Kind, call.Namespace, call.Name!);
    }

    private async Task<TResult> Logged<TResult>(ApiCall call, Task<TResult> request)
    {
        try
        {
            var result = await request;
            logger.Debug("Kubernetes {Verb} {Kind} {Object}: done after {Attempts} attempt(s)",
                call.Verb, call.Kind, call.Object, call.Attempts);
            return result;
        }
        catch (KubernetesApiException refused) when (refused.StatusCode != HttpStatusCode.NotFound)
        {
            throw Failed(call, refused);
        }
    }

    private KubernetesApiException Failed(ApiCall call, KubernetesApiException failure)
    {
        logger.Warning("Kubernetes {Verb} {Kind} {Object}: failed ({Status} {Reason}) after {Attempts} attempt(s)",
            call.Verb, call.Kind, call.Object, (int?)failure.StatusCode, failure.Reason, call.Attempts);
        return failure;
    }
}
