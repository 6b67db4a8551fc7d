using Akka.Actor;
using Akka.Cluster;
using k8s;
using k8s.Models;
using Orchestrator.Actors.Ports;
using IKubernetes = Orchestrator.Actors.Ports.IKubernetes;

namespace Orchestrator.Hosting;

/// <summary>
/// The port as a cluster member's actors see it: every write first asks whether this member still sees a majority of
/// the cluster (<see cref="ClusterMajority"/>) and fails as a transient fault when it does not, so that the writer
/// retries with backoff and a member on the minority side of a partition writes nothing until the split-brain resolver
/// has decided (it then downs this member, or the partition heals). Reads and watches pass through.
/// </summary>
public sealed class MajorityFencedKubernetes(IKubernetes inner, ActorSystem system) : IKubernetes
{
    private readonly Cluster _cluster = Cluster.Get(system);

    public async Task<ApplyResult> ApplyAsync(IKubernetesObject<V1ObjectMeta> desired, CancellationToken cancellationToken)
    {
        Fence();
        return await inner.ApplyAsync(desired, cancellationToken);
    }

    public async Task<ApplyResult> ApplyAsync(IKubernetesObject<V1ObjectMeta> desired, ObservedObject observed, CancellationToken cancellationToken)
    {
        Fence();
        return await inner.ApplyAsync(desired, observed, cancellationToken);
    }

    public IReadOnlyList<string> Drift(IKubernetesObject<V1ObjectMeta> desired, IKubernetesObject<V1ObjectMeta>? observed) => inner.Drift(desired, observed);

    public Task<T?> GetAsync<T>(string? @namespace, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> => inner.GetAsync<T>(@namespace, name, cancellationToken);

    public Task<IReadOnlyList<T>> ListAsync<T>(string? @namespace, string? labelSelector, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> => inner.ListAsync<T>(@namespace, labelSelector, cancellationToken);

    public async Task<bool> DeleteAsync<T>(string? @namespace, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        Fence();
        return await inner.DeleteAsync<T>(@namespace, name, cancellationToken);
    }

    public IAsyncEnumerable<ObservedChange<T>> WatchAsync<T>(string? @namespace, string? labelSelector, CancellationToken cancellationToken, string? fieldSelector = null)
        where T : class, IKubernetesObject<V1ObjectMeta> => inner.WatchAsync<T>(@namespace, labelSelector, cancellationToken, fieldSelector);

    public async Task UpdateStatusAsync<T>(T @object, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        Fence();
        await inner.UpdateStatusAsync(@object, cancellationToken);
    }

    public async Task PatchStatusAsync<T>(string? @namespace, string name, object status, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        Fence();
        await inner.PatchStatusAsync<T>(@namespace, name, status, cancellationToken);
    }

    public async Task<ApplyResult> PatchMetadataAsync<T>(string? @namespace, string name, string? resourceVersion,
        IReadOnlyDictionary<string, string?> annotations, IReadOnlyDictionary<string, string?>? labels, IReadOnlyList<string>? finalizers,
        CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        Fence();
        return await inner.PatchMetadataAsync<T>(@namespace, name, resourceVersion, annotations, labels, finalizers, cancellationToken);
    }

    public async Task RecordEventAsync(V1ObjectReference involved, string type, string reason, string message, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        Fence();
        await inner.RecordEventAsync(involved, type, reason, message, at, cancellationToken);
    }

    public async Task<ApplyResult> LabelNodeAsync(string node, IReadOnlyDictionary<string, string?> labels, CancellationToken cancellationToken)
    {
        Fence();
        return await inner.LabelNodeAsync(node, labels, cancellationToken);
    }

    private void Fence()
    {
        var state = _cluster.State;
        if (!ClusterMajority.Holds(state, _cluster.SelfMember))
            throw new MinoritySideException($"this member does not see a majority of the cluster ({ClusterMajority.Describe(state)}): no write until it does");
    }
}

/// <summary>A write refused because this member is cut off from the majority: transient, retried with backoff.</summary>
public sealed class MinoritySideException(string message) : Exception(message);
