using Akka.Actor;
using k8s;
using IKubernetes = Orchestrator.Actors.Ports.IKubernetes;
using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Services;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;
using Orchestrator.Messages.Services;
using Orchestrator.Messages.Spec;

using Orchestrator.Actors.Nodes;

namespace Orchestrator.Actors.Watching;

/// <summary>
/// Keeps what the watches report (workloads and pods of the deployment's namespace, Nodes, HostUnits, and the services'
/// own ConfigMaps, Secrets, Services and Ingresses) and sends each service and node a whole, level-triggered snapshot of
/// its part: at once when something of it changed, and for everything on a resync tick, so that a supervisor that was
/// busy (or restarted) always catches up. A service gets its readiness (<see cref="ObserveWorkload"/>) and, when one of
/// its objects changed, the objects themselves (<see cref="ObserveObjects"/>), which it compares with what it renders
/// instead of reading them.
/// </summary>
public sealed class ClusterObserver : ReceiveActor, IWithTimers
{
    private readonly Dictionary<string, V1Deployment> _deployments = [];
    private readonly Dictionary<string, V1StatefulSet> _statefulSets = [];
    private readonly Dictionary<string, V1Pod> _pods = [];
    private readonly Dictionary<string, V1Node> _nodes = [];
    private readonly Dictionary<string, HostUnitsResource> _hostUnits = [];
    private readonly ServiceObjectIndex _owned = new();
    private readonly IActorRef _services;
    private readonly IActorRef _nodeRegion;
    private readonly TimeProvider _clock;
    private readonly DeploymentKey _deployment;
    private IReadOnlyList<ServiceSpec> _plannedServices = [];
    /// <summary>A set: every resync asks it once per node, and a list made that quadratic in the fleet's size.</summary>
    private HashSet<string> _plannedNodes = [];
    private readonly HashSet<(string Kind, string Name)> _touched = [];
    private readonly IKubernetes _kubernetes;
    private readonly TimeSpan _minBackoff;
    private bool _synced;

    public ClusterObserver(IKubernetes kubernetes, DeploymentKey deployment, IActorRef services, IActorRef nodes, TimeProvider clock,
        TimeSpan minBackoff, TimeSpan resync)
    {
        var @namespace = deployment.Namespace;
        _deployment = deployment;
        _services = services;
        _nodeRegion = nodes;
        _clock = clock;
        _kubernetes = kubernetes;
        _minBackoff = minBackoff;
        var selector = WellKnown.ServiceLabel;
        Context.ActorOf(WatchStream<V1Deployment>.Props(kubernetes, @namespace, selector, Self, minBackoff), "deployments");
        Context.ActorOf(WatchStream<V1StatefulSet>.Props(kubernetes, @namespace, selector, Self, minBackoff), "statefulsets");
        Context.ActorOf(WatchStream<V1Pod>.Props(kubernetes, @namespace, selector, Self, minBackoff), "pods");
        Context.ActorOf(WatchStream<V1Node>.Props(kubernetes, null, null, Self, minBackoff), "nodes");
        Context.ActorOf(WatchStream<HostUnitsResource>.Props(kubernetes, null, null, Self, minBackoff), "hostunits");
        var owned = OwnedSelector(deployment);
        Context.ActorOf(WatchStream<V1ConfigMap>.Props(kubernetes, @namespace, owned, Self, minBackoff), "configmaps");
        Context.ActorOf(WatchStream<V1Secret>.Props(kubernetes, @namespace, owned, Self, minBackoff), "secrets");
        Context.ActorOf(WatchStream<V1Service>.Props(kubernetes, @namespace, owned, Self, minBackoff), "services");
        Context.ActorOf(WatchStream<V1Ingress>.Props(kubernetes, @namespace, owned, Self, minBackoff), "ingresses");

        Receive<Watch>(w =>
        {
            var before = _plannedServices.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            var nodesBefore = _plannedNodes;
            _plannedServices = w.Deployment.Spec.Services;
            _plannedNodes = w.Deployment.Spec.Nodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
            Timers.StartPeriodicTimer("resync", Resync.Instance, resync);
            // A service the spec names anew waits for its first report before it applies: it gets it now, not at the next resync.
            foreach (var added in _plannedServices.Where(s => !before.Contains(s.Name)))
                SendObjects(added.Name);
            // So does a node, when the first list came back before the plan did (it reported no node then).
            foreach (var added in _plannedNodes.Where(n => !nodesBefore.Contains(n)))
                SendNode(added);
        });
        Receive<Resync>(_ => SendAll());
        Receive<Listed>(listed =>
        {
            // What a watch already said is newer than the list; the rest is what the cluster holds.
            Fill(_deployments, listed.Deployments, "deployment");
            Fill(_statefulSets, listed.StatefulSets, "statefulset");
            Fill(_pods, listed.Pods, "pod");
            Fill(_nodes, listed.Nodes, "node");
            Fill(_hostUnits, listed.HostUnits, "hostunits");
            foreach (var item in listed.Owned)
                if (!_touched.Contains(Touched(ObjectIdentity.Of(item))))
                    _owned.Put(ObjectIdentity.Of(item), item);
            _synced = true;
            SendAll();
        });
        Receive<Status.Failure>(_ => Timers.StartSingleTimer("list", ListAgain.Instance, _minBackoff));
        Receive<ListAgain>(_ => ListEverything());
        Receive<ObservedChange<V1Deployment>>(c =>
        {
            Track(_deployments, c, o => Observations.ServiceOf(o.Metadata), "deployment");
            Own(c);
        });
        Receive<ObservedChange<V1StatefulSet>>(c =>
        {
            Track(_statefulSets, c, o => Observations.ServiceOf(o.Metadata), "statefulset");
            Own(c);
        });
        Receive<ObservedChange<V1ConfigMap>>(Own);
        Receive<ObservedChange<V1Secret>>(Own);
        Receive<ObservedChange<V1Service>>(Own);
        Receive<ObservedChange<V1Ingress>>(Own);
        Receive<ObservedChange<V1Pod>>(c => Track(_pods, c, o => Observations.ServiceOf(o.Metadata), "pod"));
        Receive<ObservedChange<V1Node>>(c =>
        {
            _touched.Add(("node", c.Object.Metadata.Name));
            Remember(_nodes, c);
            SendNode(c.Object.Metadata.Name);
        });
        Receive<ObservedChange<HostUnitsResource>>(c =>
        {
            var before = _hostUnits.GetValueOrDefault(c.Object.Metadata.Name);
            _touched.Add(("hostunits", c.Object.Metadata.Name));
            Remember(_hostUnits, c);
            TellRestarts(before, c);
            SendNode(c.Object.Metadata.Name);
            foreach (var service in (before?.Spec.Units ?? []).Concat(c.Object.Spec.Units).Select(u => u.Name).Distinct())
                SendService(service);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>An agent restarted a unit of this deployment (its restart count grew between two reports): told to the coordinator.</summary>
    public sealed record UnitRestarted(string Node, string Unit, int Restarts);

    private void TellRestarts(HostUnitsResource? before, ObservedChange<HostUnitsResource> change)
    {
        var node = change.Object.Metadata.Name;
        if (!_synced || before?.Status is not { } reported || change.Type == ChangeType.Deleted || !_plannedNodes.Contains(node))
            return;
        foreach (var unit in change.Object.Status?.Units ?? [])
            if (reported.Units.FirstOrDefault(u => u.Name == unit.Name) is { } previous && unit.Restarts > previous.Restarts)
                Context.Parent.Tell(new UnitRestarted(node, unit.Name, unit.Restarts));
    }

    /// <summary>
    /// Nothing is reported before the cluster has been listed once: a watch that has not yet delivered its objects
    /// would otherwise report a running workload or a node's units as absent, and move a Ready service back to
    /// RollingOut (and its deployment's status, and an Event) for nothing after every restart.
    /// </summary>
    protected override void PreStart() => ListEverything();

    private void ListEverything()
    {
        var (kubernetes, ns, name, selector, owned) = (_kubernetes, _deployment.Namespace, _deployment.Name, WellKnown.ServiceLabel, OwnedSelector(_deployment));
        Task.Run(async () =>
        {
            var deployments = kubernetes.ListAsync<V1Deployment>(ns, selector, CancellationToken.None);
            var statefulSets = kubernetes.ListAsync<V1StatefulSet>(ns, selector, CancellationToken.None);
            var pods = kubernetes.ListAsync<V1Pod>(ns, selector, CancellationToken.None);
            var nodes = kubernetes.ListAsync<V1Node>(null, null, CancellationToken.None);
            var hostUnits = kubernetes.ListAsync<HostUnitsResource>(null, null, CancellationToken.None);
            var configMaps = kubernetes.ListAsync<V1ConfigMap>(ns, owned, CancellationToken.None);
            var secrets = kubernetes.ListAsync<V1Secret>(ns, owned, CancellationToken.None);
            var services = kubernetes.ListAsync<V1Service>(ns, owned, CancellationToken.None);
            var ingresses = kubernetes.ListAsync<V1Ingress>(ns, owned, CancellationToken.None);
            var own = new List<IKubernetesObject<V1ObjectMeta>>();
            own.AddRange((await deployments).Where(d => Observations.DeploymentOf(d.Metadata) == name));
            own.AddRange((await statefulSets).Where(s => Observations.DeploymentOf(s.Metadata) == name));
            own.AddRange(await configMaps);
            own.AddRange(await secrets);
            own.AddRange(await services);
            own.AddRange(await ingresses);
            return new Listed(await deployments, await statefulSets, await pods, await nodes, await hostUnits, own);
        }).PipeTo(Self);
    }

    /// <summary>The label selector of the services' own objects of this deployment.</summary>
    private static string OwnedSelector(DeploymentKey deployment) => $"{WellKnown.ServiceLabel},{WellKnown.DeploymentLabel}={deployment.Name}";

    private sealed record Listed(
        IReadOnlyList<V1Deployment> Deployments,
        IReadOnlyList<V1StatefulSet> StatefulSets,
        IReadOnlyList<V1Pod> Pods,
        IReadOnlyList<V1Node> Nodes,
        IReadOnlyList<HostUnitsResource> HostUnits,
        IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Owned)
    {
        // The generated ToString would print every object, Secret data included.
        public override string ToString() => $"Listed {{ {Owned.Count} owned objects }}";
    }

    private sealed class ListAgain
    {
        public static readonly ListAgain Instance = new();
    }

    private void Fill<T>(Dictionary<string, T> cache, IReadOnlyList<T> listed, string kind) where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        foreach (var item in listed)
            if (!_touched.Contains((kind, item.Metadata.Name)))
                cache[item.Metadata.Name] = item;
    }

    public static Props Props(IKubernetes kubernetes, DeploymentKey deployment, IActorRef services, IActorRef nodes, TimeProvider clock,
        TimeSpan minBackoff, TimeSpan resync) =>
        Akka.Actor.Props.Create(() => new ClusterObserver(kubernetes, deployment, services, nodes, clock, minBackoff, resync));

    /// <summary>Which services and nodes to report on: the deployment's, until the next one is applied.</summary>
    public sealed record Watch(OpenStackDeployment Deployment);

    private sealed class Resync
    {
        public static readonly Resync Instance = new();
    }

    private void Track<T>(Dictionary<string, T> cache, ObservedChange<T> change, Func<T, string?> serviceOf, string kind)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        _touched.Add((kind, change.Object.Metadata.Name));
        var before = cache.GetValueOrDefault(change.Object.Metadata.Name);
        Remember(cache, change);
        foreach (var service in new[] { before is null ? null : serviceOf(before), serviceOf(change.Object) }.OfType<string>().Distinct())
            SendService(service);
    }

    /// <summary>One of the services' own objects changed: the services it belongs to (its label before and now) get their objects again.</summary>
    private void Own<T>(ObservedChange<T> change) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var identity = ObjectIdentity.Of(change.Object);
        if (change.Object is V1Deployment or V1StatefulSet && Observations.DeploymentOf(change.Object.Metadata) != _deployment.Name)
            return;
        _touched.Add(Touched(identity));
        foreach (var service in _owned.Put(identity, change.Type == ChangeType.Deleted ? null : change.Object))
            SendObjects(service);
    }

    private static (string Kind, string Name) Touched(ObjectIdentity identity) => ("owned " + identity.Kind, identity.Name);

    private void SendObjects(string service)
    {
        if (!_synced || !_plannedServices.Any(s => s.Name == service))
            return;
        _services.Tell(new DeploymentEnvelope(_deployment, new ObserveObjects(service, _owned.Of(service), _clock.GetUtcNow())));
    }

    private static void Remember<T>(Dictionary<string, T> cache, ObservedChange<T> change) where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        if (change.Type == ChangeType.Deleted)
            cache.Remove(change.Object.Metadata.Name);
        else
            cache[change.Object.Metadata.Name] = change.Object;
    }

    private void SendAll()
    {
        // Each service's workload and pods found in one pass over the caches, not one pass per service: with 1,000 services
        // and their pods the per-service scans were a million comparisons at every resync (11% of run's CPU at 10,000 nodes).
        var byService = new ServiceIndex(_deployments.Values, _statefulSets.Values, _pods.Values);
        foreach (var service in _plannedServices)
        {
            SendService(service, byService);
            SendObjects(service.Name);
        }
        foreach (var node in _plannedNodes)
            SendNode(node);
    }

    private void SendService(string service)
    {
        if (_plannedServices.FirstOrDefault(s => s.Name == service) is { } spec)
            SendService(spec, new ServiceIndex(
                _deployments.Values.Where(d => Observations.ServiceOf(d.Metadata) == service),
                _statefulSets.Values.Where(s => Observations.ServiceOf(s.Metadata) == service),
                _pods.Values.Where(p => Observations.ServiceOf(p.Metadata) == service)));
    }

    /// <summary>The cached workloads and pods grouped by the service they belong to.</summary>
    private sealed class ServiceIndex(IEnumerable<V1Deployment> deployments, IEnumerable<V1StatefulSet> statefulSets, IEnumerable<V1Pod> pods)
    {
        public ILookup<string?, V1Deployment> Deployments { get; } = deployments.ToLookup(d => Observations.ServiceOf(d.Metadata));

        public ILookup<string?, V1StatefulSet> StatefulSets { get; } = statefulSets.ToLookup(s => Observations.ServiceOf(s.Metadata));

        public ILookup<string?, V1Pod> Pods { get; } = pods.ToLookup(p => Observations.ServiceOf(p.Metadata));
    }

    private void SendService(ServiceSpec spec, ServiceIndex index)
    {
        if (!_synced)
            return;
        var service = spec.Name;
        var now = _clock.GetUtcNow();
        if (spec.Kind == ServiceKind.Host)
        {
            var units = _hostUnits.Values.Select(h => Observations.UnitOf(h, service)).OfType<Messages.Services.HostUnitObservation>().ToList();
            _services.Tell(new DeploymentEnvelope(_deployment, new ObserveHostUnits(service, units, now)));
            return;
        }
        var workload = index.Deployments[service].Select(Observations.Of)
            .Concat(index.StatefulSets[service].Select(Observations.Of))
            .FirstOrDefault();
        var pods = index.Pods[service].Where(p => !Observations.IsTerminating(p))
            .Select(Observations.Of).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        _services.Tell(new DeploymentEnvelope(_deployment, new ObserveWorkload(service, workload, pods, now)));
    }

    private void SendNode(string node)
    {
        if (!_synced)
            return;
        if (!_plannedNodes.Contains(node))
            return;
        var observed = _nodes.GetValueOrDefault(node);
        var (ready, message) = Observations.KubeletReadiness(observed);
        _nodeRegion.Tell(new DeploymentEnvelope(_deployment,
            new ObserveNode(node, ready, message, Observations.StatusOf(_hostUnits.GetValueOrDefault(node)), _clock.GetUtcNow(),
                ObservedNode.Of(observed))));
    }
}
