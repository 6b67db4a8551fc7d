using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Orchestrator.Actors.Deployments;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Supervision;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;

namespace Orchestrator.Actors.Nodes;

/// <summary>
/// One per node of a deployment (a sharded entity keyed by deployment and node), a thin shell over
/// <see cref="NodeState"/>: it claims the node for its deployment (<see cref="NodeClaim"/>), labels it with its roles
/// and writes the node's HostUnits object (through a child under backoff supervision, after the
/// events that decided it are persisted), then judges the node on the kubelet's and the agent's reports. A check of an
/// unchanged node (a resync, a drift repair) decides on the watch's report of the Node instead of reading it.
/// </summary>
public sealed class NodeSupervisor : ReceivePersistentActor, IWithTimers
{
    /// <summary>
    /// How long a check waits for the watch's first report of the node before it reads the Node instead. The coordinator
    /// hands a node its part as it starts the observer, whose list of the cluster comes moments later (seconds at
    /// 10,000 nodes); reading instead would cost two requests per node. Only an observer that cannot list waits it out.
    /// </summary>
    private static readonly TimeSpan ObservationWait = TimeSpan.FromSeconds(30);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IKubernetes _kubernetes;
    private readonly IActorRef _coordinator;
    private readonly DeploymentKey _deployment;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _minBackoff;
    private NodePart? _objects;
    private IActorRef? _writer;
    private string? _writerSpecHash;
    private int _writerGeneration;
    private int _failures;
    private bool _reportAfterCheck;
    /// <summary>The observer's last word on this node (it resends on every change); decided on again after a write.</summary>
    private ObserveNode? _lastObservation;
    /// <summary>A check of an unchanged node waits for the observer's first report (<see cref="ObservationWait"/>).</summary>
    private bool _checkAwaitsObservation;
    private readonly SnapshotSchedule _snapshots = new(Context.System.Settings.Config);
    private bool _paused;

    /// <param name="coordinator">The coordinators' shard region (or a stand-in): reports travel in a <see cref="DeploymentEnvelope"/>.</param>
    public NodeSupervisor(DeploymentKey deployment, string nodeName, IKubernetes kubernetes, IActorRef coordinator,
        TimeProvider clock, TimeSpan minBackoff)
    {
        PersistenceId = PersistenceIds.Node(deployment, nodeName);
        _deployment = deployment;
        State = NodeState.Empty(nodeName);
        _kubernetes = kubernetes;
        _coordinator = coordinator;
        _clock = clock;
        _minBackoff = minBackoff;

        Recover<SnapshotOffer>(o =>
        {
            State = (NodeState)o.Snapshot;
            _snapshots.Offered(o.Metadata);
        });
        Recover<INodeEvent>(e =>
        {
            State = State.Apply(e);
            _snapshots.Replayed();
        });
        Recover<RecoveryCompleted>(_ => _snapshots.Recovered(PersistenceId, LastSequenceNr, _log, () => SaveSnapshot(State)));
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(f => _log.Warning("{Node}: snapshot not saved ({Reason})", State.NodeName, f.Cause.Message));
        Command<ConfigureNode>(Configure);
        Command<RecordNodeLabelled>(c => Record(State.Decide(c)));
        Command<RecordHostUnitsWritten>(c => Written(null, c));
        Command<NodeWritten>(c => Written(c.Labelled, c.HostUnits));
        Command<RecordNodeWriteFailure>(c => Record(State.Decide(c with { ConsecutiveFailures = ++_failures })));
        Command<RecordNodeClaimRefused>(c =>
        {
            StopWriter();
            Record(State.Decide(c));
        });
        Command<ObserveNode>(c =>
        {
            _lastObservation = c;
            if (_checkAwaitsObservation)
                Check();
            Record(State.Decide(c));
        });
        Command<CheckWithoutObservation>(_ =>
        {
            if (_checkAwaitsObservation)
                Check();
        });
        Command<GetNodeStatus>(_ => Sender.Tell(State.Report()));
        Command<ReportNodeStatus>(_ => Report());
        Command<PauseNodeWrites>(c =>
        {
            _paused = c.Paused;
            if (_paused)
                StopWriter();
            else
                EnsureWriter();
        });
    }

    public override string PersistenceId { get; }

    public NodeState State { get; private set; }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(DeploymentKey deployment, string nodeName, IKubernetes kubernetes, IActorRef coordinator,
        TimeProvider clock, TimeSpan minBackoff) =>
        Akka.Actor.Props.Create(() => new NodeSupervisor(deployment, nodeName, kubernetes, coordinator, clock, minBackoff));

    /// <summary>Sends the report once the events of a check are persisted (persist callbacks run before the next command).</summary>
    private sealed record ReportNodeStatus;

    /// <summary>The watch's first report of the node did not come in time: the check reads the Node instead.</summary>
    private sealed record CheckWithoutObservation;

    /// <summary>A write of the node ended: its labels (when they were part of it) and its HostUnits (a local message).</summary>
    private sealed record NodeWritten(RecordNodeLabelled? Labelled, RecordHostUnitsWritten HostUnits);

    private void Report() => _coordinator.Tell(new DeploymentEnvelope(_deployment, State.Report()));

    /// <summary>
    /// One write of the node is over: what its labels and its HostUnits came to is persisted in one go (one journal
    /// write, not one per object), then the writer stops, or the node reports after a check.
    /// </summary>
    private void Written(RecordNodeLabelled? labelled, RecordHostUnitsWritten hostUnits)
    {
        _failures = 0;
        var events = new List<INodeEvent>();
        if (labelled is not null)
            events.AddRange(State.Decide(labelled));
        var labelledState = events.Aggregate(State, (state, e) => state.Apply(e));
        events.AddRange(labelledState.Decide(hostUnits));
        Record(events);
        if (hostUnits.SpecHash != State.SpecHash)
            return;
        StopWriter();
        // Readiness waits for the writes, so the observation that came meanwhile was set aside: decide on it once they are
        // persisted (a command sent now runs after the persist callbacks) rather than at the observer's next resync. It
        // cannot make a node Ready too early: units count only at the hash the agent reports running.
        if (_lastObservation is not null)
            Self.Tell(_lastObservation);
        if (_reportAfterCheck)
        {
            _reportAfterCheck = false;
            // After any event of this check is persisted: Persist callbacks run before the next command.
            Self.Tell(new ReportNodeStatus());
        }
    }

    private void Configure(ConfigureNode command)
    {
        // A newer part decides anew what the node needs; a check still waiting for the watch's report is part of that.
        _checkAwaitsObservation = false;
        _objects = Released(command.Part, command.ReleasedServices);
        var labels = _objects.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value ?? "(removed)"}");
        var units = _objects.HostUnits?.Spec.Units ?? [];
        var specHash = StateHash.Of(labels.Concat(units.Select(u => $"{u.Name}:{u.Hash}")));
        var events = State.Decide(new DesiredNode(command.NodeName, command.Part.Roles, specHash,
            units.ToDictionary(u => u.Name, u => u.Hash), command.At));
        if (events.Count == 0 && !State.NeedsLabels && !State.NeedsHostUnits)
        {
            // Nothing changed in the spec: check the cluster still holds the labels and units (no write when it does), then report.
            _reportAfterCheck = true;
            if (_lastObservation is null)
            {
                _checkAwaitsObservation = true;
                Timers.StartSingleTimer(nameof(CheckWithoutObservation), new CheckWithoutObservation(), ObservationWait);
                return;
            }
            Check();
            return;
        }
        if (events.Count == 0)
            Report();
        Record(events);
    }

    /// <summary>
    /// Checks that the cluster holds the unchanged spec's claim, labels and HostUnits: without a request when the watch's
    /// report shows the Node claimed by this deployment and labelled as desired and the node runs no host unit, else
    /// through a writer (which reads only what the report does not settle).
    /// </summary>
    private void Check()
    {
        _checkAwaitsObservation = false;
        Timers.Cancel(nameof(CheckWithoutObservation));
        if (_paused || _objects is null)
            return;
        if (_objects.HostUnits is null && _lastObservation?.Metadata is { } seen && ObservedNode.ClaimedBy(seen, _deployment)
            && ObservedNode.Labelled(seen, _objects.Labels))
        {
            var now = _clock.GetUtcNow();
            Written(new RecordNodeLabelled(State.NodeName, State.SpecHash, false, now), new RecordHostUnitsWritten(State.NodeName, State.SpecHash, false, now));
            return;
        }
        StartWriter(labelsNeeded: true);
    }

    /// <summary>
    /// The node's objects with only the released units in its HostUnits. The rendered desired-state hash covered all
    /// units, so it is dropped: the adapter then hashes what is actually sent.
    /// </summary>
    private static NodePart Released(NodePart objects, IReadOnlyCollection<string> released)
    {
        if (objects.HostUnits is not { } all || all.Spec.Units.All(u => released.Contains(u.Name)))
            return objects;
        var metadata = k8s.KubernetesJson.Deserialize<k8s.Models.V1ObjectMeta>(k8s.KubernetesJson.Serialize(all.Metadata));
        metadata.Annotations?.Remove(Kubernetes.WellKnown.DesiredHashAnnotation);
        return objects with
        {
            HostUnits = new Kubernetes.HostUnitsResource
            {
                Metadata = metadata,
                Spec = all.Spec with { Units = all.Spec.Units.Where(u => released.Contains(u.Name)).ToList() },
            },
        };
    }

    private void Record(IReadOnlyList<INodeEvent> events)
    {
        if (events.Count == 0)
        {
            EnsureWriter();
            return;
        }
        var before = State.Report();
        var remaining = events.Count;
        var persisting = System.Diagnostics.Stopwatch.StartNew();
        PersistAll(events, e =>
        {
            if (remaining == events.Count)
                Telemetry.OrchestratorMetrics.JournalPersist.WithLabels("node").Observe(persisting.Elapsed.TotalSeconds);
            State = State.Apply(e);
            _log.Info("{Node}: {Event} ({Cause})", State.NodeName, e.GetType().Name, e.Cause);
            _snapshots.SaveIfDue(LastSequenceNr, () => SaveSnapshot(State));
            if (--remaining > 0)
                return;
            EnsureWriter();
            if (State.Report() != before)
                Report();
        });
    }

    /// <summary>Labels first, then the HostUnits object; each is recorded on its own so a replay skips what is done.</summary>
    private void EnsureWriter()
    {
        var needed = State.NeedsLabels || State.NeedsHostUnits;
        if (!needed || _objects is null)
        {
            if (!needed && !_reportAfterCheck)
                StopWriter();
            return;
        }
        if (_writerSpecHash != State.SpecHash)
            StartWriter(State.NeedsLabels);
    }

    private void StopWriter()
    {
        if (_writer is null)
            return;
        Context.Stop(_writer);
        _writer = null;
        _writerSpecHash = null;
    }

    private void StartWriter(bool labelsNeeded)
    {
        if (_paused)
            return;
        StopWriter();
        var (node, specHash, objects, kubernetes, clock, deployment) = (State.NodeName, State.SpecHash, _objects!, _kubernetes, _clock, _deployment);
        // What the watch reported of the Node spares the reads it settles: the claim when it names this deployment, and
        // then the labels when they are as desired. A report behind the truth costs nothing worse than the read it saved:
        // a label write is a merge patch of only the labels that differ.
        var seen = _lastObservation?.Metadata;
        var claimed = ObservedNode.ClaimedBy(seen, deployment);
        var labelledAlready = claimed && ObservedNode.Labelled(seen!, objects.Labels);
        _writerSpecHash = specHash;
        _writer = Context.ActorOf(ApiCall.Props(Self,
            async cancellation =>
            {
                // A claim carries the labels in the same patch: a node new to the deployment costs one write, not two.
                var labels = labelsNeeded && !labelledAlready ? objects.Labels : null;
                var labelledWithClaim = false;
                if (!claimed)
                {
                    var (owner, written) = await ClaimAsync(kubernetes, node, deployment, labels, cancellation);
                    if (owner is not null)
                        return new RecordNodeClaimRefused(node, owner, clock.GetUtcNow());
                    labelledWithClaim = written;
                }
                RecordNodeLabelled? labelled = null;
                if (labelsNeeded)
                {
                    var written = labelledWithClaim
                        || (labels is not null && (await kubernetes.LabelNodeAsync(node, labels, cancellation)).Outcome != ApplyOutcome.Unchanged);
                    labelled = new RecordNodeLabelled(node, specHash, written, clock.GetUtcNow());
                }
                var unitsWritten = objects.HostUnits is { } hostUnits && (await kubernetes.ApplyAsync(hostUnits, cancellation)).Outcome != ApplyOutcome.Unchanged;
                return new NodeWritten(labelled, new RecordHostUnitsWritten(node, specHash, unitsWritten, clock.GetUtcNow()));
            },
            (reason, _) => new RecordNodeWriteFailure(node, reason, 0, clock.GetUtcNow()),
            _minBackoff), $"write-{++_writerGeneration}");
    }

    /// <summary>
    /// Claims the node for this deployment unless another holds it, with <paramref name="labels"/> (when given) in the same
    /// patch. Returns that other owner (or null), and whether the labels were written.
    /// </summary>
    private static async Task<(string? Owner, bool Labelled)> ClaimAsync(IKubernetes kubernetes, string node, DeploymentKey deployment,
        IReadOnlyDictionary<string, string?>? labels, CancellationToken cancellation)
    {
        var observed = await kubernetes.GetAsync<k8s.Models.V1Node>(null, node, cancellation)
            ?? throw new InvalidOperationException($"node {node} does not exist");
        var owner = observed.Metadata.Annotations?.TryGetValue(NodeClaim.Annotation, out var value) == true ? value : null;
        switch (NodeClaim.Decide(owner, deployment))
        {
            case NodeClaim.Outcome.Refused:
                return (owner, false);
            case NodeClaim.Outcome.Claim:
                // Fenced by the resourceVersion read: a claim that raced another is refused (409) and decided again.
                await kubernetes.PatchMetadataAsync<k8s.Models.V1Node>(null, node, observed.Metadata.ResourceVersion,
                    new Dictionary<string, string?> { [NodeClaim.Annotation] = deployment.ToString() }, labels, null, cancellation);
                return (null, labels is not null);
            default:
                return (null, false);
        }
    }
}
