using k8s;
using k8s.Models;
using Orchestrator.Messages;
using Orchestrator.Messages.Services;

namespace Orchestrator.Actors.Services;

/// <summary>
/// The watches' whole, level-triggered report of a service's own objects (its ConfigMap, Secret, Service, Ingress and
/// workload, as the server holds them), sent by the ClusterObserver once its watches have listed: the service compares
/// what it renders with these instead of reading each object, and repairs what an edit or a deletion changed.
/// </summary>
public sealed record ObserveObjects(string ServiceName, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects, DateTimeOffset At)
    : IWithServiceName, IClusterMessage
{
    // The generated ToString would print every object, Secret data included (a dead letter is logged by its ToString).
    public override string ToString() => $"ObserveObjects {{ {ServiceName}, {Objects.Count} objects }}";
}
