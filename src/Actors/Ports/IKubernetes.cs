using k8s;
using k8s.Models;

namespace Orchestrator.Actors.Ports;

/// <summary>
/// The orchestrator's narrow port to the Kubernetes API. The adapter (src/Orchestrator) speaks real HTTP
/// through the KubernetesClient; it retries 429, 5xx and 409 with backoff, and compares desired with observed
/// through the hash annotation so that an unchanged object is never written.
/// </summary>
public interface IKubernetes
{
    /// <summary>Creates the object when absent, replaces it when its desired-state hash differs, else does nothing.</summary>
    Task<ApplyResult> ApplyAsync(IKubernetesObject<V1ObjectMeta> desired, CancellationToken cancellationToken);

    /// <summary>
    /// The same apply decided on what a watch last reported (<paramref name="observed"/>) instead of a read: no request
    /// when it holds the object as rendered, else one create or replace fenced by the observed resourceVersion. When the
    /// report was stale (409 or 404 on the write), reads once and decides again, as <see cref="ApplyAsync(IKubernetesObject{V1ObjectMeta}, CancellationToken)"/>.
    /// </summary>
    Task<ApplyResult> ApplyAsync(IKubernetesObject<V1ObjectMeta> desired, ObservedObject observed, CancellationToken cancellationToken);

    /// <summary>
    /// What an apply would find to repair, without a request: each field we render that <paramref name="observed"/> holds
    /// otherwise ("path observed -> desired"), or "absent" when it is null; empty when nothing would be written.
    /// </summary>
    IReadOnlyList<string> Drift(IKubernetesObject<V1ObjectMeta> desired, IKubernetesObject<V1ObjectMeta>? observed);

    /// <summary>The object, or null when it does not exist.</summary>
    Task<T?> GetAsync<T>(string? @namespace, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    Task<IReadOnlyList<T>> ListAsync<T>(string? @namespace, string? labelSelector, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Deletes the object (background propagation); false when it was already gone.</summary>
    Task<bool> DeleteAsync<T>(string? @namespace, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>
    /// Level-triggered changes: the current objects first, then every change. Resumes from the last
    /// resourceVersion after a dropped connection, relists on 410 Gone, reconnects with backoff. A field selector
    /// (e.g. metadata.name=node-1) narrows the list and the watch on the server, as an agent's own HostUnits.
    /// </summary>
    IAsyncEnumerable<ObservedChange<T>> WatchAsync<T>(string? @namespace, string? labelSelector, CancellationToken cancellationToken, string? fieldSelector = null)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Writes the status subresource of an object (the agent's reports, OpenStackDeployment conditions).</summary>
    Task UpdateStatusAsync<T>(T @object, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>
    /// Merge-patches the status subresource with <paramref name="status"/> (serialized as the status field). No read
    /// first and no resourceVersion: the status of an OpenStackDeployment is written by its coordinator alone.
    /// </summary>
    Task PatchStatusAsync<T>(string? @namespace, string name, object status, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>
    /// Merge-patches annotations and, when given, labels (null removes one) and replaces the finalizers, in one write. With a
    /// <paramref name="resourceVersion"/> the write is fenced: the server answers 409 when the object changed since it
    /// was read (a node claim decided on a stale read must not win).
    /// </summary>
    Task<ApplyResult> PatchMetadataAsync<T>(string? @namespace, string name, string? resourceVersion,
        IReadOnlyDictionary<string, string?> annotations, IReadOnlyDictionary<string, string?>? labels, IReadOnlyList<string>? finalizers,
        CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>
    /// Records a core/v1 Event about <paramref name="involved"/>. The same type, reason and message about the same
    /// object is one Event whose count and lastTimestamp grow, as the kubelet's recorder aggregates, not a new one.
    /// </summary>
    Task RecordEventAsync(V1ObjectReference involved, string type, string reason, string message, DateTimeOffset at,
        CancellationToken cancellationToken);

    /// <summary>Sets (value) or removes (null) labels on a node, writing only when something differs.</summary>
    Task<ApplyResult> LabelNodeAsync(string node, IReadOnlyDictionary<string, string?> labels, CancellationToken cancellationToken);
}

public enum ApplyOutcome
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>
/// What an apply did. Drift names what differed from the rendered object when it was written: "absent" for a
/// create, else each field as "path observed -> desired" (null from writes that do not compare fields).
/// </summary>
/// <param name="ResourceVersion">The object's resourceVersion after the apply (what was written, or what was found unchanged), when known.</param>
public sealed record ApplyResult(ApplyOutcome Outcome, string Kind, string? Namespace, string Name, IReadOnlyList<string>? Drift = null,
    string? ResourceVersion = null)
{
    /// <summary>For the audit: "deployment keystone: spec.replicas 1 -> 2; ..." (at most a few fields named).</summary>
    public string DescribeDrift()
    {
        var fields = Drift ?? [];
        var named = string.Join("; ", fields.Take(3)) + (fields.Count > 3 ? $"; and {fields.Count - 3} more" : "");
        return $"{Kind.ToLowerInvariant()} {Name}: {named}";
    }
}

/// <summary>
/// What a watch last reported of one object: the object, or (null) that it does not exist. The generated ToString is
/// replaced: a Secret's data must never reach a log through it.
/// </summary>
public sealed record ObservedObject(IKubernetesObject<V1ObjectMeta>? Object)
{
    public static readonly ObservedObject Absent = new((IKubernetesObject<V1ObjectMeta>?)null);

    public override string ToString() => Object is { } o ? $"ObservedObject {{ {o.Kind} {o.Metadata?.Name} at {o.Metadata?.ResourceVersion} }}" : "ObservedObject { absent }";
}

public enum ChangeType
{
    Added,
    Modified,
    Deleted,
}

public sealed record ObservedChange<T>(ChangeType Type, T Object);
