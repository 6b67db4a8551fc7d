using System.Text.Json;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Persistence;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Operator;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Serialization;
using Orchestrator.Actors.Supervision;
using Orchestrator.Actors.Telemetry;
using Orchestrator.Actors.Watching;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;
using Orchestrator.Messages.Services;
using Orchestrator.Messages.Spec;
using Orchestrator.Actors.Nodes;
using Orchestrator.Actors.Services;

namespace Orchestrator.Actors.Deployments;

/// <summary>
/// One per deployment (a sharded entity keyed by the OpenStackDeployment's namespace and name): it takes each new
/// generation of the object, writes the shared objects, then hands every service and node its part, holding back each
/// service until its dependencies report Ready, folds their reports into the deployment's status, and writes that
/// status to the object's status subresource when it changed. Its journal holds the accepted plans and status
/// changes; the spec itself (with its secrets) lives only in memory and comes again from the object.
/// </summary>
public sealed class DeploymentCoordinator : ReceivePersistentActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly DeploymentKey _key;
    private readonly IKubernetes _kubernetes;
    private readonly IDesiredState _desiredState;
    private readonly IActorRef _services;
    private readonly IActorRef _nodes;
    private readonly TimeProvider _clock;
    private readonly CoordinatorTimings _timings;
    private OpenStackDeployment? _deployment;
    private DesiredDeployment? _desired;
    private string? _sharedAppliedHash;
    private IActorRef? _sharedWriter;
    private IActorRef? _observer;
    private int _sharedFailures;
    private int _generation;
    private readonly SnapshotSchedule _snapshots = new(Context.System.Settings.Config);
    private ReconcileDeployment? _resource;
    private long? _actedOnGeneration;
    private IReadOnlyList<string> _invalid = [];
    private DeploymentResourceStatus? _statusWritten;
    private IActorRef? _statusWriter;
    private IActorRef? _teardown;
    private DateTimeOffset? _rolloutStarted;
    private readonly DateTimeOffset _startedAt;
    private readonly Dictionary<string, ServiceStatus> _announced = [];

    public DeploymentCoordinator(DeploymentKey key, IKubernetes kubernetes, IDesiredState desiredState, IActorRef services, IActorRef nodes,
        TimeProvider clock, CoordinatorTimings timings)
    {
        _key = key;
        _kubernetes = kubernetes;
        _desiredState = desiredState;
        _services = services;
        _nodes = nodes;
        _clock = clock;
        _timings = timings;
        _startedAt = clock.GetUtcNow();

        Recover<SnapshotOffer>(o =>
        {
            State = ((CoordinatorSnapshot)o.Snapshot).ToState();
            _snapshots.Offered(o.Metadata);
        });
        Recover<IDeploymentEvent>(e =>
        {
            State = State.Apply(e);
            _snapshots.Replayed();
        });
        Recover<RecoveryCompleted>(_ =>
        {
            _snapshots.Recovered(PersistenceId, LastSequenceNr, _log, () => SaveSnapshot(CoordinatorSnapshot.Of(State)));
            ReadOwnObject();
        });
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(f => _log.Warning("{Deployment}: snapshot not saved ({Reason})", State.Deployment, f.Cause.Message));
        Command<ReconcileDeployment>(Reconcile);
        Command<SharedObjectsWritten>(written =>
        {
            var c = written.Applied;
            if (_deployment is null || c.SpecHash != State.SpecHash || Paused)
                return;
            _desired = written.Desired;
            _log.Info("shared objects of {Deployment} in place, {Writes} written", _key, c.Writes);
            if (c.Pruned is { Count: > 0 } pruned)
                _log.Info("{Deployment}: pruned what the spec no longer names: {Pruned}", _key, string.Join(", ", pruned));
            _sharedAppliedHash = c.SpecHash;
            _sharedFailures = 0;
            StopSharedWriter();
            HandOut();
        });
        Command<RecordSharedObjectsFailure>(c => Record(State.Decide(c with { ConsecutiveFailures = ++_sharedFailures })));
        Command<ServiceStatusReport>(report =>
        {
            var before = State.ServiceReports.GetValueOrDefault(report.ServiceName);
            var release = State.DecideRelease(report, _clock.GetUtcNow());
            State = State.With(report);
            Record(release, () =>
            {
                if (release.Count > 0 && HandingOut)
                    ConfigureNodes();
            });
            if (before?.Status != report.Status && HandingOut)
                foreach (var dependent in State.Dependents(report.ServiceName))
                    ConfigureService(dependent);
            AnnounceService(report);
            Record(State.DecideStatus(_clock.GetUtcNow()));
            WriteStatusIfChanged();
        });
        Command<NodeStatusReport>(report =>
        {
            State = State.With(report);
            Record(State.DecideStatus(_clock.GetUtcNow()));
            WriteStatusIfChanged();
        });
        Command<StatusWritten>(w =>
        {
            if (w.Writer.Equals(_statusWriter))
                _statusWriter = null;
            WriteStatusIfChanged();
        });
        Command<StatusWriteFailed>(f =>
        {
            _log.Warning("status of {Deployment} not written: {Reason}", _key, f.Reason);
            if (!f.Permanent || _statusWriter is null)
                return;
            // Refused (the object is gone, or the API rejects the status): forget it, the next change tries again.
            Context.Stop(_statusWriter);
            _statusWriter = null;
            _statusWritten = null;
        });
        Command<TeardownDone>(done =>
        {
            _log.Info("{Deployment}: {What} torn down", _key, done.What);
            if (done.Writer.Equals(_teardown))
                _teardown = null;
        });
        Command<TeardownWaiting>(waiting =>
        {
            _log.Info("{Deployment}: teardown waits: {Reason}", _key, waiting.Reason);
            if (waiting.Permanent)
            {
                Note("Warning", "TeardownFailed", waiting.Reason);
                _teardown = null;
            }
        });
        Command<OwnObjectRead>(read =>
        {
            // The watch may have been first; its word stands. Otherwise this is the start after a move to another member
            // (or a restart): the object as it is now, so that the work goes on without waiting for a change.
            if (_resource is null && read.Resource is { } resource)
                Reconcile(CustomResourceSpec.Read(resource, _clock.GetUtcNow()));
        });
        Command<DeploymentRemoved>(_ =>
        {
            // The object is gone: nothing left to watch or report on until it is made again.
            _resource = null;
            _deployment = null;
        _desired = null;
            _desired = null;
            StopSharedWriter();
            if (_observer is not null)
                Context.Stop(_observer);
            _observer = null;
            // Remembered entities come back on every member change; a deployment that is gone has nothing to come back for.
            Context.Parent.Tell(new Akka.Cluster.Sharding.Passivate(PoisonPill.Instance));
        });
        // One Event per unit and node, counted: its count follows the agent's restarts.
        Command<ClusterObserver.UnitRestarted>(r => Note("Warning", "UnitRestarted", $"unit {r.Unit} on node {r.Node} was restarted by its agent"));
        Command<FinalizerWritten>(_ => { });
        Command<EventRecorded>(_ => { });
        Command<GetDeploymentStatus>(_ => Sender.Tell(State.Result() with
        {
            ObservedGeneration = _actedOnGeneration, Member = Cluster.Get(Context.System).SelfAddress.ToString(),
        }));
        Command<RepairDrift>(_ => RepairDrift.Run(this));
        // A member is gone: the supervisors it ran start again where their shards now live once told their part.
        Command<ClusterEvent.MemberRemoved>(_ =>
        {
            if (HandingOut)
                HandOut();
        });
        Command<ClusterEvent.CurrentClusterState>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// Level-triggered without a new spec: every repair interval the shared objects are applied again and every
    /// service and node is handed its part again, so each compares what it renders with what the server holds and
    /// writes (and records) only what drifted. Skipped while a write of the shared objects is still under way.
    /// </summary>
    private sealed class RepairDrift
    {
        public static readonly RepairDrift Instance = new();

        public static void Run(DeploymentCoordinator coordinator)
        {
            if (coordinator._deployment is null || coordinator.Paused || coordinator._sharedAppliedHash != coordinator.State.SpecHash || coordinator._sharedWriter is not null)
                return;
            coordinator._sharedAppliedHash = null;
            coordinator.WriteSharedObjects();
        }
    }

    public override string PersistenceId => PersistenceIds.Coordinator(_key);

    public CoordinatorState State { get; private set; } = CoordinatorState.Empty;

    public static Props Props(DeploymentKey key, IKubernetes kubernetes, IDesiredState desiredState, IActorRef services, IActorRef nodes,
        TimeProvider clock, CoordinatorTimings timings) =>
        Akka.Actor.Props.Create(() => new DeploymentCoordinator(key, kubernetes, desiredState, services, nodes, clock, timings));

    private bool Paused => _resource?.Paused == true;

    /// <summary>Parts are told their work only for the accepted spec, once its shared objects are written, and never while paused.</summary>
    private bool HandingOut => _deployment is not null && _sharedAppliedHash == State.SpecHash && !Paused;

    /// <summary>
    /// The object as the watch saw it. Work starts only when something that asks for work moved (a new object, a new
    /// generation, pause or resume, a deletion); a status write of ours, or a resync, only has the status compared.
    /// </summary>
    private void Reconcile(ReconcileDeployment resource)
    {
        var previous = _resource;
        _resource = resource;
        if (resource.SameWorkAs(previous))
        {
            Counted("unchanged");
            WriteStatusIfChanged();
            return;
        }
        if (resource.Paused)
        {
            // Observation and status go on; nothing else is written, a deletion included, until the annotation goes.
            Counted("paused");
            _log.Info("{Deployment} is paused: no writes until the annotation is removed", _key);
            if (previous?.Paused != true)
            {
                Note("Normal", "Paused", $"annotation {OpenStackDeploymentResource.PausedAnnotation}=\"true\": nothing is written until it is removed");
                PauseParts(true);
            }
            StopSharedWriter();
            StopTeardown();
            // Paused since before this coordinator started (a restart, a move to another member): it still observes,
            // so that its parts report and the status stays true; it writes nothing until the annotation goes.
            if (_observer is null && resource.Errors.Count == 0 && resource.Deployment is { } observed)
            {
                _deployment ??= observed;
                Observe(observed);
                // Its parts report on a change only; asked, each says where it stands now.
                foreach (var service in State.Services)
                    _services.Tell(new DeploymentEnvelope(_key, new GetServiceStatus(service.Name)));
                foreach (var node in State.Nodes)
                    _nodes.Tell(new DeploymentEnvelope(_key, new GetNodeStatus(node.Name)));
            }
            WriteStatusIfChanged();
            return;
        }
        if (previous?.Paused == true)
        {
            Note("Normal", "Resumed", "the pause annotation is gone: the deployment is reconciled again");
            PauseParts(false);
        }
        if (resource.Deleting)
        {
            Counted("deleting");
            Delete(resource);
            WriteStatusIfChanged();
            return;
        }
        if (resource.Errors.Count > 0 || resource.Deployment is null)
        {
            // Nothing of an invalid spec is applied; what runs stays as the last valid generation made it.
            Counted("invalid");
            _log.Warning("{Deployment} generation {Generation} is invalid: {Errors}", _key, resource.Generation, string.Join("; ", resource.Errors));
            _invalid = resource.Errors;
            _actedOnGeneration = resource.Generation;
            Note("Warning", "InvalidSpec", $"generation {resource.Generation} not applied: " + string.Join("; ", resource.Errors));
            WriteStatusIfChanged();
            return;
        }
        Counted("accepted");
        _invalid = [];
        _actedOnGeneration = resource.Generation;
        EnsureFinalizer(resource);
        Accept(resource.Deployment, resource.At);
        WriteStatusIfChanged();
    }

    private void Accept(OpenStackDeployment deployment, DateTimeOffset at)
    {
        var specHash = StateHash.Of(JsonSerializer.Serialize(deployment));
        _deployment = deployment;
        // Every part reports again after this apply; until then the deployment is Progressing, never stale Ready.
        State = State.WithoutReports();
        var decided = State.Decide(deployment, specHash, at);
        if (decided.Count > 0)
            _rolloutStarted = at;
        var removedNodes = State.Nodes.Select(n => n.Name).Except(deployment.Spec.Nodes.Select(n => n.Name)).ToList();
        if (decided.Count > 0 && removedNodes.Count > 0)
            TearDown(removedNodes, finalizers: null, $"node(s) {string.Join(", ", removedNodes)} removed from the spec");
        Record(decided, () =>
        {
            Observe(deployment);
            // Always through the shared objects: rendering this very deployment object is what its parts are cut from.
            _sharedAppliedHash = null;
            WriteSharedObjects();
        });
    }

    private void Record(IReadOnlyList<IDeploymentEvent> events, Action? afterwards = null)
    {
        if (events.Count == 0)
        {
            afterwards?.Invoke();
            return;
        }
        var remaining = events.Count;
        var persisting = System.Diagnostics.Stopwatch.StartNew();
        PersistAll(events, e =>
        {
            if (remaining == events.Count)
                OrchestratorMetrics.JournalPersist.WithLabels("deployment").Observe(persisting.Elapsed.TotalSeconds);
            State = State.Apply(e);
            _log.Info("{Deployment}: {Event} ({Cause})", _key, e.GetType().Name, e.Cause);
            _snapshots.SaveIfDue(LastSequenceNr, () => SaveSnapshot(CoordinatorSnapshot.Of(State)));
            if (e is DeploymentStatusChanged changed)
                Announce(changed);
            if (--remaining > 0)
                return;
            afterwards?.Invoke();
            WriteStatusIfChanged();
        });
    }

    /// <summary>The status the object should carry; written only when it differs from what we last wrote or saw there.</summary>
    private void WriteStatusIfChanged()
    {
        if (_resource is not { } resource || _statusWriter is not null)
            return;
        var result = State.Result();
        var counted = State.AllReported && State.Deployment is not null;
        var inputs = new StatusInputs(_actedOnGeneration ?? resource.ObservedStatus?.ObservedGeneration ?? 0, resource.Paused, resource.Deleting,
            _invalid, State.Deployment is null && _invalid.Count == 0 ? DeploymentStatus.Pending : State.Status, State.Reason,
            counted ? $"{result.Services.Count(s => s.Status == ServiceStatus.Ready)}/{result.Services.Count}" : null,
            counted ? $"{result.Nodes.Count(n => n.Status == NodeStatus.Ready)}/{result.Nodes.Count}" : null);
        if (counted)
        {
            foreach (var state in Enum.GetValues<ServiceStatus>())
                OrchestratorMetrics.Services.WithLabels(_key.ToString(), state.ToString()).Set(result.Services.Count(s => s.Status == state));
            foreach (var state in Enum.GetValues<NodeStatus>())
                OrchestratorMetrics.Nodes.WithLabels(_key.ToString(), state.ToString()).Set(result.Nodes.Count(n => n.Status == state));
        }
        var known = _statusWritten ?? resource.ObservedStatus;
        var desired = DeploymentConditions.Desired(known, inputs, _clock.GetUtcNow());
        if (desired.SameAs(known))
            return;
        var (kubernetes, key, self) = (_kubernetes, _key, Self);
        _statusWritten = desired;
        IActorRef? writer = null;
        writer = Context.ActorOf(ApiCall.Props(Self,
            async cancellation =>
            {
                await kubernetes.PatchStatusAsync<OpenStackDeploymentResource>(key.Namespace, key.Name, desired, cancellation);
                return new StatusWritten(writer!);
            },
            (reason, permanent) => new StatusWriteFailed(reason, permanent),
            _timings.MinBackoff), $"status-{++_generation}");
        _statusWriter = writer;
    }

    private sealed record StatusWritten(IActorRef Writer);

    private sealed record StatusWriteFailed(string Reason, bool Permanent);

    protected override void PreStart()
    {
        OrchestratorMetrics.CoordinatorsActive.Inc();
        base.PreStart();
        Timers.StartPeriodicTimer(nameof(RepairDrift), RepairDrift.Instance, _timings.RepairInterval);
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.MemberRemoved));
    }

    protected override void PostStop()
    {
        OrchestratorMetrics.CoordinatorsActive.Dec();
        Cluster.Get(Context.System).Unsubscribe(Self);
        base.PostStop();
    }

    /// <summary>Stops (or lets go on) the writes the services and nodes have under way; the coordinator hands out nothing while paused.</summary>
    private void PauseParts(bool paused)
    {
        foreach (var service in State.Services)
            _services.Tell(new DeploymentEnvelope(_key, new PauseServiceWrites(service.Name, paused)));
        foreach (var node in State.Nodes)
            _nodes.Tell(new DeploymentEnvelope(_key, new PauseNodeWrites(node.Name, paused)));
    }

    private void Counted(string result) => OrchestratorMetrics.Reconciles.WithLabels(_key.ToString(), result).Inc();

    /// <summary>Our finalizer on the object, so that a deletion waits for what only we can remove (host units, node labels).</summary>
    private void EnsureFinalizer(ReconcileDeployment resource)
    {
        if (resource.Finalizers.Contains(OpenStackDeploymentResource.Finalizer))
            return;
        var (kubernetes, key, finalizers) = (_kubernetes, _key, resource.Finalizers.Append(OpenStackDeploymentResource.Finalizer).ToList());
        Context.ActorOf(ApiCall.Props(Self,
            async cancellation =>
            {
                await kubernetes.PatchMetadataAsync<OpenStackDeploymentResource>(key.Namespace, key.Name, null,
                    new Dictionary<string, string?>(), finalizers, cancellation);
                return new FinalizerWritten();
            },
            (reason, _) => new StatusWriteFailed("finalizer: " + reason, false),
            _timings.MinBackoff), $"finalizer-{++_generation}");
    }

    private sealed record FinalizerWritten;

    /// <summary>Reads this deployment's object once the journal is replayed: a coordinator started on a member by a move has no watch event to wait for.</summary>
    private void ReadOwnObject()
    {
        var (kubernetes, key) = (_kubernetes, _key);
        Context.ActorOf(ApiCall.Props(Self,
            async cancellation => new OwnObjectRead(await kubernetes.GetAsync<OpenStackDeploymentResource>(key.Namespace, key.Name, cancellation)),
            (reason, _) => new StatusWriteFailed("reading the object: " + reason, false),
            _timings.MinBackoff), $"read-{++_generation}");
    }

    private sealed record OwnObjectRead(OpenStackDeploymentResource? Resource);

    /// <summary>
    /// The object is being deleted: its namespaced objects go by their owner references (the garbage collector's
    /// work); the nodes are emptied here, and our finalizer is removed last.
    /// </summary>
    private void Delete(ReconcileDeployment resource)
    {
        StopSharedWriter();
        if (_observer is not null)
            Context.Stop(_observer);
        _observer = null;
        _deployment = null;
        _desired = null;
        if (!resource.Finalizers.Contains(OpenStackDeploymentResource.Finalizer))
            return;
        Note("Normal", "Deleting", "removing the host units, HostUnits and node labels before the finalizer is removed");
        TearDown(State.Nodes.Select(n => n.Name).ToList(), resource.Finalizers, "the deployment");
    }

    private void TearDown(IReadOnlyList<string> nodes, IReadOnlyList<string>? finalizers, string what)
    {
        var (kubernetes, key) = (_kubernetes, _key);
        IActorRef? writer = null;
        writer = Context.ActorOf(ApiCall.Props(Self,
            async cancellation =>
            {
                if (finalizers is null)
                    foreach (var node in nodes)
                        await DeploymentTeardown.NodeAsync(kubernetes, key, node, cancellation);
                else
                    await DeploymentTeardown.DeploymentAsync(kubernetes, key, nodes, finalizers, cancellation);
                return new TeardownDone(writer!, what);
            },
            (reason, permanent) => new TeardownWaiting(reason, permanent),
            _timings.MinBackoff), $"teardown-{++_generation}");
        if (finalizers is not null)
        {
            StopTeardown();
            _teardown = writer;
        }
    }

    private void StopTeardown()
    {
        if (_teardown is null)
            return;
        Context.Stop(_teardown);
        _teardown = null;
    }

    private sealed record TeardownDone(IActorRef Writer, string What);

    private sealed record TeardownWaiting(string Reason, bool Permanent);

    /// <summary>A core/v1 Event on the object, for `kubectl describe osd`; repeats are counted on one Event by the port.</summary>
    private void Note(string type, string reason, string message)
    {
        if (_resource is not { } resource)
            return;
        var involved = new k8s.Models.V1ObjectReference
        {
            ApiVersion = OpenStackDeployment.ExpectedApiVersion, Kind = OpenStackDeployment.ExpectedKind,
            Name = _key.Name, NamespaceProperty = _key.Namespace, Uid = resource.Uid,
        };
        var (kubernetes, at) = (_kubernetes, _clock.GetUtcNow());
        Context.ActorOf(ApiCall.Props(Self,
            async cancellation =>
            {
                await kubernetes.RecordEventAsync(involved, type, reason, message, at, cancellation);
                return new EventRecorded();
            },
            (failure, _) => new StatusWriteFailed($"event {reason}: {failure}", false),
            _timings.MinBackoff), $"event-{++_generation}");
    }

    private sealed record EventRecorded;

    /// <summary>
    /// Rollout started and finished, degraded or failed, per service: only for moves made while this coordinator runs
    /// (a report replayed after a restart announces nothing new), and each move once.
    /// </summary>
    private void AnnounceService(ServiceStatusReport report)
    {
        if (report.Since < _startedAt || _announced.GetValueOrDefault(report.ServiceName) == report.Status)
            return;
        _announced[report.ServiceName] = report.Status;
        switch (report.Status)
        {
            case ServiceStatus.RollingOut:
                Note("Normal", "RolloutStarted", $"service {report.ServiceName}: rollout started");
                break;
            case ServiceStatus.Ready:
                Note("Normal", "RolloutFinished", $"service {report.ServiceName}: ready");
                break;
            case ServiceStatus.Degraded:
                Note("Warning", "ServiceDegraded", $"service {report.ServiceName}: {report.Reason}");
                break;
            case ServiceStatus.Failed:
                Note("Warning", "ServiceFailed", $"service {report.ServiceName}: {report.Reason}");
                break;
        }
    }

    private void Announce(DeploymentStatusChanged changed)
    {
        if (changed.Status is DeploymentStatus.Degraded or DeploymentStatus.Failed)
            Note("Warning", changed.Status.ToString(), changed.Reason ?? changed.Cause);
        if (_rolloutStarted is { } started && changed.Status is DeploymentStatus.Ready or DeploymentStatus.Degraded or DeploymentStatus.Failed)
        {
            OrchestratorMetrics.RolloutDuration.WithLabels(_key.ToString(), changed.Status.ToString())
                .Observe((changed.At - started).TotalSeconds);
            _rolloutStarted = null;
        }
    }

    private void Observe(OpenStackDeployment deployment)
    {
        _observer ??= Context.ActorOf(ClusterObserver.Props(_kubernetes, _key, _services, _nodes, _clock, _timings.MinBackoff,
            _timings.Resync), $"observer-{++_generation}");
        _observer.Tell(new ClusterObserver.Watch(deployment));
    }

    private void WriteSharedObjects()
    {
        StopSharedWriter();
        var (deployment, desiredState, specHash, kubernetes, clock) = (_deployment!, _desiredState, State.SpecHash, _kubernetes, _clock);
        _sharedWriter = Context.ActorOf(ApiCall.Props(Self,
            async cancellation =>
            {
                var desired = await desiredState.RenderAsync(deployment, cancellation);
                var writes = 0;
                foreach (var shared in desired.SharedObjects)
                    if ((await kubernetes.ApplyAsync(shared, cancellation)).Outcome != ApplyOutcome.Unchanged)
                        writes++;
                var pruned = await OrphanPruning.PruneAsync(kubernetes, deployment, desired.AllObjects, cancellation);
                return new SharedObjectsWritten(new RecordSharedObjectsApplied(specHash, writes + pruned.Count, clock.GetUtcNow(), pruned), desired);
            },
            (reason, permanent) => new RecordSharedObjectsFailure(reason, 0, permanent, clock.GetUtcNow()),
            _timings.MinBackoff), $"shared-{++_generation}");
    }

    /// <summary>The shared objects are written; the rendering they came from is what every part is cut from (a local message).</summary>
    private sealed record SharedObjectsWritten(RecordSharedObjectsApplied Applied, DesiredDeployment Desired);

    private void StopSharedWriter()
    {
        if (_sharedWriter is null)
            return;
        Context.Stop(_sharedWriter);
        _sharedWriter = null;
    }

    /// <summary>Tells every node and service its part; telling one again is harmless, its state ignores what it knows.</summary>
    private void HandOut()
    {
        ConfigureNodes();
        foreach (var service in _deployment!.Spec.Services)
            ConfigureService(service.Name);
    }

    private void ConfigureNodes()
    {
        foreach (var node in _deployment!.Spec.Nodes)
            _nodes.Tell(new DeploymentEnvelope(_key, new ConfigureNode(node.Name, _desired!.NodePart(node.Name), State.Released, _clock.GetUtcNow())));
    }

    private void ConfigureService(string service) =>
        _services.Tell(new DeploymentEnvelope(_key, new ConfigureService(service, _desired!.ServicePart(service), State.WaitingFor(service), _clock.GetUtcNow())));
}
