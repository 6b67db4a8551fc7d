using Akka.Actor;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Watching;
using Orchestrator.Messages.Deployments;

namespace Orchestrator.Actors.Operator;

/// <summary>
/// Watches OpenStackDeployment objects (every namespace, or the ones given) and sends each change, with its spec read
/// and validated, to the coordinator of that deployment through the coordinators' shard region. It keeps nothing
/// of the deployments itself: which changes start work is each coordinator's own decision (the generation).
/// </summary>
public sealed class DeploymentWatcher : ReceiveActor
{
    public DeploymentWatcher(IKubernetes kubernetes, IReadOnlyList<string> namespaces, IActorRef coordinators, TimeProvider clock, TimeSpan minBackoff)
    {
        var scopes = namespaces.Count == 0 ? [null] : namespaces.Distinct(StringComparer.Ordinal).Cast<string?>().ToList();
        foreach (var (scope, index) in scopes.Select((s, i) => (s, i)))
            Context.ActorOf(WatchStream<OpenStackDeploymentResource>.Props(kubernetes, scope, null, Self, minBackoff), $"watch-{index}");

        Receive<ObservedChange<OpenStackDeploymentResource>>(change =>
        {
            var reconcile = CustomResourceSpec.Read(change.Object, clock.GetUtcNow());
            coordinators.Tell(new DeploymentEnvelope(reconcile.Key,
                change.Type == ChangeType.Deleted ? new DeploymentRemoved(reconcile.Key) : reconcile));
        });
    }

    public static Props Props(IKubernetes kubernetes, IReadOnlyList<string> namespaces, IActorRef coordinators, TimeProvider clock, TimeSpan minBackoff) =>
        Akka.Actor.Props.Create(() => new DeploymentWatcher(kubernetes, namespaces, coordinators, clock, minBackoff));
}
