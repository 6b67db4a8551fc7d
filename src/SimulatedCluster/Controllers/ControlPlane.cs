using Orchestrator.SimulatedCluster.Faults;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Controllers;

/// <summary>
/// The simulated kube-controller-manager, scheduler and kubelets: store changes become work items, and one
/// loop hands each to its controller, so controllers never race each other (API clients still can).
/// </summary>
public sealed class ControlPlane
{
    private readonly ObjectStore _store;
    private readonly WorkQueue _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly DeploymentController _deployments;
    private readonly ReplicaSetController _replicaSets;
    private readonly StatefulSetController _statefulSets;
    private readonly DaemonSetController _daemonSets;
    private readonly Scheduler _scheduler;
    private readonly GarbageCollector _collector;
    private readonly Microsoft.Extensions.Logging.ILogger _log;
    private Task _loop = Task.CompletedTask;
    private Task _timers = Task.CompletedTask;

    public ControlPlane(ObjectStore store, FaultInjection faults, SimulatedClusterOptions options)
    {
        _store = store;
        _queue = new WorkQueue(options.Clock);
        _log = Microsoft.Extensions.Logging.LoggerFactoryExtensions.CreateLogger<ControlPlane>(options.LoggerFactory);
        var random = new Random(options.Seed);
        _deployments = new DeploymentController(store, options.Clock);
        _replicaSets = new ReplicaSetController(store, random);
        _statefulSets = new StatefulSetController(store);
        _daemonSets = new DaemonSetController(store, random);
        _scheduler = new Scheduler(store, new EventRecorder(store, options.Clock, "default-scheduler"));
        _collector = new GarbageCollector(store, _queue);
        Kubelets = new Kubelets(store, _queue, faults, options, random);
        store.Changed += Route;
    }

    public Kubelets Kubelets { get; }

    public void Start()
    {
        _loop = Task.Run(() => Run(_stop.Token));
        _timers = Task.Run(() => _queue.RunTimers(_stop.Token));
        foreach (var ns in ClusterBootstrap.SystemNamespaces)
            _queue.Add(new WorkItem(WorkItem.NamespaceLifecycle, "", ns));
    }

    public async Task StopAsync()
    {
        _store.Changed -= Route;
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_loop, _timers);
        }
        catch (OperationCanceledException)
        {
            // Stopped as asked.
        }
    }

    private async Task Run(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var item = await _queue.Next(cancellationToken);
            try
            {
                Handle(item);
            }
            catch (Api.ApiException)
            {
                // A client changed the object under the controller (409) or deleted it (404): look again shortly,
                // as a real controller requeues with backoff.
                _queue.AddAfter(item, TimeSpan.FromMilliseconds(20));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A controller bug must not stop the others; it is reported and the item retried later.
                Microsoft.Extensions.Logging.LoggerExtensions.LogError(_log, e, "Controller work {Work} {Namespace}/{Name} failed", item.Work, item.Namespace, item.Name);
                _queue.AddAfter(item, TimeSpan.FromSeconds(1));
            }
        }
    }

    private void Handle(WorkItem item)
    {
        switch (item.Work)
        {
            case WorkItem.Deployment: _deployments.Reconcile(item.Namespace, item.Name); break;
            case WorkItem.ReplicaSet: _replicaSets.Reconcile(item.Namespace, item.Name); break;
            case WorkItem.StatefulSet: _statefulSets.Reconcile(item.Namespace, item.Name); break;
            case WorkItem.DaemonSet: _daemonSets.Reconcile(item.Namespace, item.Name); break;
            case WorkItem.AllDaemonSets:
                foreach (var ds in _store.List(BuiltInResources.DaemonSets, null).Items)
                    _daemonSets.Reconcile(ds.Namespace(), ds.Name());
                break;
            case WorkItem.Schedule: _scheduler.Schedule(item.Namespace, item.Name); break;
            case WorkItem.SchedulePending: _scheduler.ScheduleAllPending(); break;
            case WorkItem.Kubelet: Kubelets.Reconcile(item.Namespace, item.Name); break;
            case WorkItem.Collect: _collector.Collect(item.Type!, item.Namespace, item.Name); break;
            case WorkItem.Orphans: _collector.DependentsOfDeleted(item.Name); break;
            case WorkItem.NamespaceLifecycle: _collector.Namespace(item.Name); break;
        }
    }

    /// <summary>Runs under the store's lock: only decides which work items a change makes.</summary>
    private void Route(StoreEvent e)
    {
        var obj = e.Object;
        var ns = obj.Namespace();
        var deleted = e.Type == StoreEvent.Deleted;
        if (obj.IsDeleting() && obj.Finalizers().Any(f => f is "foregroundDeletion" or "orphan"))
            _queue.Add(new WorkItem(WorkItem.Collect, ns, obj.Name(), e.Resource));
        if (deleted)
        {
            _queue.Add(new WorkItem(WorkItem.Orphans, "", obj.Uid()));
            foreach (var owner in obj.Owners())
                _queue.Add(new WorkItem(WorkItem.Orphans, "", owner.Uid));
        }
        if (e.Resource.Namespaced && _collector.IsTerminating(ns))
            _queue.Add(new WorkItem(WorkItem.NamespaceLifecycle, "", ns));
        switch (e.Resource.Group, e.Resource.Kind)
        {
            case ("apps", "Deployment"):
                _queue.Add(new WorkItem(WorkItem.Deployment, ns, obj.Name()));
                break;
            case ("apps", "ReplicaSet"):
                _queue.Add(new WorkItem(WorkItem.ReplicaSet, ns, obj.Name()));
                EnqueueOwner(obj, "Deployment", WorkItem.Deployment);
                break;
            case ("apps", "StatefulSet"):
                _queue.Add(new WorkItem(WorkItem.StatefulSet, ns, obj.Name()));
                break;
            case ("apps", "DaemonSet"):
                _queue.Add(new WorkItem(WorkItem.DaemonSet, ns, obj.Name()));
                break;
            case ("", "Pod"):
                EnqueueOwner(obj, "ReplicaSet", WorkItem.ReplicaSet);
                EnqueueOwner(obj, "StatefulSet", WorkItem.StatefulSet);
                EnqueueOwner(obj, "DaemonSet", WorkItem.DaemonSet);
                _scheduler.Track(e);
                if (!deleted && obj["spec"]?["nodeName"] is null && !obj.IsDeleting())
                    _queue.Add(new WorkItem(WorkItem.Schedule, ns, obj.Name()));
                if (obj["spec"]?["nodeName"] is not null || deleted)
                    _queue.Add(new WorkItem(WorkItem.Kubelet, ns, obj.Name()));
                if (deleted)
                    _queue.Add(new WorkItem(WorkItem.SchedulePending, "", ""));
                break;
            case ("", "Node"):
                _queue.Add(new WorkItem(WorkItem.AllDaemonSets, "", ""));
                _queue.Add(new WorkItem(WorkItem.SchedulePending, "", ""));
                Kubelets.NodeChanged(obj, deleted);
                break;
            case ("", "Namespace"):
                _collector.TrackNamespace(obj, deleted);
                _queue.Add(new WorkItem(WorkItem.NamespaceLifecycle, "", obj.Name()));
                break;
        }
    }

    private void EnqueueOwner(System.Text.Json.Nodes.JsonObject obj, string kind, string work)
    {
        var owner = obj.Owners().FirstOrDefault(o => o.Controller && o.Kind == kind);
        if (owner is not null)
            _queue.Add(new WorkItem(work, obj.Namespace(), owner.Name));
    }
}
