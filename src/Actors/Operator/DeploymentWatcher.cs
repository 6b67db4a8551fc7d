using Akka.Actor;
using Akka.Cluster;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Watching;
using Orchestrator.Messages.Deployments;

namespace Orchestrator.Actors.Operator;

/// <summary>
/// Watches OpenStackDeployment objects (every namespace, or the ones given) and sends each change, with its spec read
/// and validated, to the coordinator of that deployment through the coordinators' shard region. Which changes start
/// work is each coordinator's own decision (the generation). When a member joins or is removed, it sends the last word
/// on every deployment again: a coordinator whose member died starts on the member its shard moved to.
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
            if (change.Type == ChangeType.Deleted)
                _last.Remove(reconcile.Key);
            else
                _last[reconcile.Key] = reconcile;
            coordinators.Tell(new DeploymentEnvelope(reconcile.Key,
                change.Type == ChangeType.Deleted ? new DeploymentRemoved(reconcile.Key) : reconcile));
        });
        Receive<ClusterEvent.IMemberEvent>(_ =>
        {
            foreach (var (key, reconcile) in _last)
                coordinators.Tell(new DeploymentEnvelope(key, reconcile));
        });
    }

    private readonly Dictionary<DeploymentKey, ReconcileDeployment> _last = [];

    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.MemberUp), typeof(ClusterEvent.MemberRemoved));

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);

    public static Props Props(IKubernetes kubernetes, IReadOnlyList<string> namespaces, IActorRef coordinators, TimeProvider clock, TimeSpan minBackoff) =>
        Akka.Actor.Props.Create(() => new DeploymentWatcher(kubernetes, namespaces, coordinators, clock, minBackoff));
}
