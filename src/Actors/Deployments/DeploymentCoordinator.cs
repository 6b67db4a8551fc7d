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
/// This class is the decision flow; its children do the writing: <see cref="DeploymentStatusWriter"/> (the status
/// subresource), <see cref="DeploymentEventRecorder"/> (Events), <see cref="DeploymentTeardownRunner"/> (finalizer and
/// teardown), <see cref="SharedObjectsWrite"/> calls and the <see cref="ClusterObserver"/>; <see cref="RepairDrift"/>
/// is its periodic tick.
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
    // Whether a shared write of this incarnation got through, and with it the one look for an older orchestrator's agent.
    private bool _legacyAgentChecked;
    private IActorRef? _sharedWriter;
    private IActorRef? _observer;
    private int _sharedFailures;
    private int _generation;
    private readonly SnapshotSchedule _snapshots = new(Context.System.Settings.Config);
    private ReconcileDeployment? _resource;
    private long? _actedOnGeneration;
    private IReadOnlyList<string> _invalid = [];
    private readonly IActorRef _status;
    private readonly IActorRef _events;
    private readonly IActorRef _teardown;
    private DateTimeOffset? _rolloutStarted;
    /// <summary>Per node, the host services with a unit on it (from the rendering the parts are cut from).</summary>
    private IReadOnlyDictionary<string, IReadOnlyList<string>> _hostServicesByNode = new Dictionary<string, IReadOnlyList<string>>();
    /// <summary>Nodes whose released units grew and which have not been told yet: each waits until its part settles.</summary>
    private readonly HashSet<string> _nodesOwed = [];
    /// <summary>A <see cref="DecideStatus"/> is on its way: the reports arriving before it are decided on together.</summary>
    private bool _statusDue;
    /// <summary>How many nodes are told their part at once (the rest wait for a report back): see <see cref="NodeAdmission"/>.</summary>
    private readonly NodeAdmission _admission = NodeAdmission.From(Context.System.Settings.Config, AdmissionPatience);

    /// <summary>How long a told node may take to report back before its place in <see cref="_admission"/> goes to the next.</summary>
    private static readonly TimeSpan AdmissionPatience = TimeSpan.FromSeconds(30);

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
        _status = Context.ActorOf(DeploymentStatusWriter.Props(key, kubernetes, clock, timings.MinBackoff, timings.StatusWriteInterval), "status");
        _events = Context.ActorOf(DeploymentEventRecorder.Props(key, kubernetes, clock, timings.MinBackoff, clock.GetUtcNow(),
            timings.EventGathering), "events");
        _teardown = Context.ActorOf(DeploymentTeardownRunner.Props(key, kubernetes, timings.MinBackoff), "teardown");

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
            _hostServicesByNode = _deployment.Spec.Nodes.ToDictionary(n => n.Name,
                n => (IReadOnlyList<string>)(written.Desired.NodePart(n.Name).HostUnits?.Spec.Units.Select(u => u.Name).ToList() ?? []));
            _log.Info("shared objects of {Deployment} in place, {Writes} written ({Stages})", _key, c.Writes, written.Stages);
            if (c.Pruned is { Count: > 0 } pruned)
                _log.Info("{Deployment}: pruned what the spec no longer names: {Pruned}", _key, string.Join(", ", pruned));
            _sharedAppliedHash = c.SpecHash;
            _legacyAgentChecked = true;
            _sharedFailures = 0;
            StopSharedWriter();
            // Watched only now: the HostUnits definition is among the shared objects, and a watch started before it
            // exists only meets 404s and backs off, so that the first agents' reports would be seen seconds late.
            Observe(_deployment);
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
                foreach (var released in release.OfType<HostServiceReleased>())
                    OweNodesOf(released.Service);
                TellSettledNodes();
            });
            // What a dependent waits for changes only when this service becomes Ready or stops being Ready; telling it
            // of every other move would only have it check its objects again.
            if (CoordinatorState.ReadinessChanged(before?.Status, report.Status) && HandingOut)
                foreach (var dependent in State.Dependents(report.ServiceName))
                    ConfigureService(dependent);
            _events.Tell(new DeploymentEventRecorder.ServiceReported(report));
            // Like the nodes' (below): a thousand services reporting in a burst would otherwise each have the status, which
            // looks at every report, decided and written.
            StatusDue();
        });
        Command<NodeStatusReport>(report =>
        {
            State = State.With(report);
            TellNodes(_admission.Reported(report.NodeName, _clock.GetUtcNow()));
            StatusDue();
        });
        Command<DecideStatus>(_ =>
        {
            _statusDue = false;
            Record(State.DecideStatus(_clock.GetUtcNow()));
            WriteStatusIfChanged();
        });
        Command<AdmitWaitingNodes>(_ =>
        {
            TellNodes(_admission.Expired(_clock.GetUtcNow()));
            if (_admission.Waiting == 0)
                Timers.Cancel(nameof(AdmitWaitingNodes));
        });
        Command<SettleNodes>(_ =>
        {
            // The bound: a node is not kept from its released units any longer by a service that is slow to be written.
            if (HandingOut)
                foreach (var node in _nodesOwed.ToList())
                    ConfigureNode(node);
            _nodesOwed.Clear();
        });
        Command<DeploymentTeardownRunner.TeardownFailed>(failed => Note("Warning", "TeardownFailed", failed.Reason));
        Command<OwnObjectUnread>(unread => _log.Warning("{Deployment}: its object could not be read yet ({Reason}); retried", _key, unread.Reason));
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
            _events.Tell(new DeploymentEventRecorder.Involve(null));
            _status.Tell(DeploymentStatusWriter.Forget.Instance);
            _deployment = null;
            _desired = null;
            _admission.Clear();
            StopSharedWriter();
            if (_observer is not null)
                Context.Stop(_observer);
            _observer = null;
        });
        // One Event per unit and node, counted: its count follows the agent's restarts.
        Command<ClusterObserver.UnitRestarted>(r => Note("Warning", "UnitRestarted", $"unit {r.Unit} on node {r.Node} was restarted by its agent"));
        Command<GetDeploymentStatus>(_ => Sender.Tell(State.Result() with
        {
            ObservedGeneration = _actedOnGeneration, Member = Cluster.Get(Context.System).SelfAddress.ToString(),
        }));
        Command<RepairDrift>(_ =>
        {
            if (!RepairDrift.IsDue(HandingOut, _sharedWriter is not null, _admission.Waiting))
                return;
            _sharedAppliedHash = null;
            WriteSharedObjects();
        });
        // A member is gone: the supervisors it ran start again where their shards now live once told their part.
        Command<ClusterEvent.MemberRemoved>(_ =>
        {
            if (HandingOut)
                HandOut();
        });
        Command<ClusterEvent.CurrentClusterState>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

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
        if (previous?.Uid != resource.Uid)
            _events.Tell(new DeploymentEventRecorder.Involve(resource.Uid));
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
            _admission.Clear();
            StopSharedWriter();
            _teardown.Tell(DeploymentTeardownRunner.StopDeploymentTeardown.Instance);
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
        // Our finalizer on the object, so that a deletion waits for what only we can remove (host units, node labels).
        _teardown.Tell(new DeploymentTeardownRunner.EnsureFinalizer(resource.Finalizers));
        // A new spec's status is written once its acceptance is persisted (Record does): written now, it would carry the
        // new generation with the status of the one before, Ready included, which nothing has verified yet.
        if (!Accept(resource.Deployment, resource.At))
            WriteStatusIfChanged();
    }

    /// <summary>Accepts the spec; true when that is a new plan, whose events are being persisted.</summary>
    private bool Accept(OpenStackDeployment deployment, DateTimeOffset at)
    {
        var specHash = StateHash.OfWithoutSecretValues(deployment);
        _deployment = deployment;
        // Every part reports again after this apply; until then the deployment is Progressing, never stale Ready.
        State = State.WithoutReports();
        var decided = State.Decide(deployment, specHash, at);
        if (decided.Count > 0)
            _rolloutStarted = at;
        var removedNodes = State.Nodes.Select(n => n.Name).Except(deployment.Spec.Nodes.Select(n => n.Name)).ToList();
        if (decided.Count > 0 && removedNodes.Count > 0)
            _teardown.Tell(new DeploymentTeardownRunner.TearDownNodes(removedNodes, $"node(s) {string.Join(", ", removedNodes)} removed from the spec"));
        Record(decided, () =>
        {
            // Always through the shared objects: rendering this very deployment object is what its parts are cut from.
            _sharedAppliedHash = null;
            WriteSharedObjects();
            WakeParts();
        });
        return decided.Count > 0;
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
            var before = State.Services;
            State = State.Apply(e);
            _log.Info("{Deployment}: {Event} ({Cause})", _key, e.GetType().Name, e.Cause);
            if (e is DeploymentAccepted)
                StopRemovedServices(before);
            _snapshots.SaveIfDue(LastSequenceNr, () => SaveSnapshot(CoordinatorSnapshot.Of(State)));
            if (e is DeploymentAccepted accepted)
                Note("Normal", "RolloutStarted", $"{accepted.Cause}: {accepted.Services.Count} service(s) on {accepted.Nodes.Count} node(s)");
            if (e is DeploymentStatusChanged changed)
            {
                _events.Tell(new DeploymentEventRecorder.StatusChanged(changed));
                ObserveRolloutDuration(changed);
            }
            if (--remaining > 0)
                return;
            afterwards?.Invoke();
            WriteStatusIfChanged();
        });
    }

    /// <summary>The status the object should carry, told to the status writer, which writes it only when it differs from what is there.</summary>
    private void WriteStatusIfChanged()
    {
        if (_resource is not { } resource)
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
        _status.Tell(new DeploymentStatusWriter.Desire(resource.ObservedStatus, inputs));
    }

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

    /// <summary>
    /// A service the accepted spec no longer names is pruned with the shared objects; its supervisor, which repairs its
    /// objects from the watches' reports, must not put back what the pruning deletes, so it stops writing before that.
    /// </summary>
    private void StopRemovedServices(IReadOnlyList<PlannedService> before)
    {
        foreach (var removed in before.Where(b => State.Services.All(s => s.Name != b.Name)))
            _services.Tell(new DeploymentEnvelope(_key, new PauseServiceWrites(removed.Name, true)));
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

    /// <summary>Reads this deployment's object once the journal is replayed: a coordinator started on a member by a move has no watch event to wait for.</summary>
    private void ReadOwnObject()
    {
        var (kubernetes, key) = (_kubernetes, _key);
        Context.ActorOf(ApiCall.Props(Self,
            async cancellation => new OwnObjectRead(await kubernetes.GetAsync<OpenStackDeploymentResource>(key.Namespace, key.Name, cancellation)),
            (reason, _) => new OwnObjectUnread(reason),
            _timings.MinBackoff), $"read-{++_generation}");
    }

    private sealed record OwnObjectRead(OpenStackDeploymentResource? Resource);

    private sealed record OwnObjectUnread(string Reason);

    /// <summary>
    /// The object is being deleted: its namespaced objects go by their owner references (the garbage collector's
    /// work); the nodes are emptied by the teardown child, which removes our finalizer last.
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
        _teardown.Tell(new DeploymentTeardownRunner.TearDownDeployment(State.Nodes.Select(n => n.Name).ToList(), resource.Finalizers));
    }

    /// <summary>A core/v1 Event on the object, for `kubectl describe osd`.</summary>
    private void Note(string type, string reason, string message) => _events.Tell(new DeploymentEventRecorder.Note(type, reason, message));

    private void ObserveRolloutDuration(DeploymentStatusChanged changed)
    {
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
        _sharedWriter = Context.ActorOf(SharedObjectsWrite.Props(Self, _deployment!, State.SpecHash, !_legacyAgentChecked, _desired,
                _desiredState, _kubernetes, _clock, _timings.MinBackoff),
            $"shared-{++_generation}");
    }

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

    /// <summary>
    /// Starts every service's and node's entity (its journal replayed) while the shared objects are being written, so
    /// that they are ready to work when their parts are handed out. A question with no one to answer to: its reply must
    /// not count as a report, which after an accept only the parts' new work may give.
    /// </summary>
    private void WakeParts()
    {
        foreach (var service in State.Services)
            _services.Tell(new DeploymentEnvelope(_key, new GetServiceStatus(service.Name)), ActorRefs.Nobody);
        // Every node, not only those let in first: a recovery alone (no persist, no request) waits for the journal's
        // recovery permits, and the observer's first report reaches every node anyway.
        foreach (var node in State.Nodes)
            _nodes.Tell(new DeploymentEnvelope(_key, new GetNodeStatus(node.Name)), ActorRefs.Nobody);
    }

    private void ConfigureNodes()
    {
        _nodesOwed.Clear();
        // Nodes already let in are told again at once, waiting ones keep their place: a repair's hand-out every few seconds
        // must not send the queue back to its start.
        foreach (var node in _deployment!.Spec.Nodes)
            ConfigureNode(node.Name);
    }

    /// <summary>Tells the node its part now, or once a place is free (<see cref="NodeAdmission"/>): its part is cut then.</summary>
    private void ConfigureNode(string node)
    {
        if (_admission.Admit(node, _clock.GetUtcNow()))
            TellNode(node);
        else if (!Timers.IsTimerActive(nameof(AdmitWaitingNodes)))
            Timers.StartPeriodicTimer(nameof(AdmitWaitingNodes), AdmitWaitingNodes.Instance, AdmissionPatience / 10);
    }

    private void TellNodes(IReadOnlyList<string> nodes)
    {
        // Not handing out (shared objects being written again): they count as told, and the hand-out that follows the
        // write tells every node let in. A node the spec no longer names has nothing to be told.
        if (!HandingOut)
            return;
        foreach (var node in nodes)
            if (_hostServicesByNode.ContainsKey(node))
                TellNode(node);
    }

    private void TellNode(string node) =>
        _nodes.Tell(new DeploymentEnvelope(_key, new ConfigureNode(node, _desired!.NodePart(node), State.Released, _clock.GetUtcNow())));

    /// <summary>A host service was released: only the nodes it runs on have a new part (the others are not told).</summary>
    private void OweNodesOf(string service)
    {
        foreach (var (node, services) in _hostServicesByNode)
            if (services.Contains(service))
                _nodesOwed.Add(node);
        if (_nodesOwed.Count > 0 && !Timers.IsTimerActive(nameof(SettleNodes)))
            Timers.StartSingleTimer(nameof(SettleNodes), SettleNodes.Instance, _timings.NodeSettleLimit);
    }

    /// <summary>
    /// Tells each owed node its part once no other host service of that node is about to be released: services
    /// released together are written to a node's HostUnits in one write, not one write per service.
    /// </summary>
    private void TellSettledNodes()
    {
        if (_nodesOwed.Count == 0 || !HandingOut)
            return;
        foreach (var node in _nodesOwed.ToList())
            if (State.NodeSettled(_hostServicesByNode.GetValueOrDefault(node) ?? []))
            {
                _nodesOwed.Remove(node);
                ConfigureNode(node);
            }
        if (_nodesOwed.Count == 0)
            Timers.Cancel(nameof(SettleNodes));
    }

    /// <summary>
    /// Parts report in bursts (every node and service at a resync, thousands of them): the status, which looks at every
    /// report, is decided once after the reports already queued rather than once per report, which made a burst quadratic.
    /// </summary>
    private void StatusDue()
    {
        if (_statusDue)
            return;
        _statusDue = true;
        Self.Tell(DecideStatus.Instance);
    }

    /// <summary>Decide the status on the reports received so far (a local message, told to self after a report).</summary>
    private sealed class DecideStatus
    {
        public static readonly DecideStatus Instance = new();
    }

    private sealed class SettleNodes
    {
        public static readonly SettleNodes Instance = new();
    }

    /// <summary>The tick that gives up the places of told nodes that have not reported within their patience.</summary>
    private sealed class AdmitWaitingNodes
    {
        public static readonly AdmitWaitingNodes Instance = new();
    }

    private void ConfigureService(string service) =>
        _services.Tell(new DeploymentEnvelope(_key, new ConfigureService(service, _desired!.ServicePart(service), State.WaitingFor(service), _clock.GetUtcNow())));
}
