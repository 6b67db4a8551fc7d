using k8s.Models;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Orchestrator.Actors.Deployments;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Supervision;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Services;

namespace Orchestrator.Actors.Services;

/// <summary>
/// One per service of a deployment (a sharded entity keyed by deployment and service). A thin shell over <see cref="ServiceState"/>: it persists the
/// events the state decides, and only then acts on them: an idempotent apply of the service's objects by a child
/// under backoff supervision, and a status report to the coordinator whenever the status moves.
/// </summary>
/// <remarks>
/// What the server holds comes from the watches (<see cref="ObserveObjects"/>, kept as <see cref="WatchedObjects"/>):
/// an unchanged spec is compared with that report without a request, a reported edit or deletion of an object is
/// repaired when it arrives, and an apply writes only what differs, fenced by the reported resourceVersion. Until the
/// first report (the watches have not listed yet) an apply waits for it, up to a bound (<c>firstReportWait</c>): the
/// observer lists every kind once and reports each service at once, which costs less than a read of every object of
/// every service (and a service that read before the report came read what the next report was about to tell it).
/// Only when no report comes within the bound does the apply read each object first.
/// </remarks>
public sealed class ServiceSupervisor : ReceivePersistentActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IKubernetes _kubernetes;
    private readonly IActorRef _coordinator;
    private readonly DeploymentKey _deployment;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _minBackoff;
    private readonly TimeSpan _firstReportWait;
    /// <summary>An apply is due but waits for the watches' first report (see the remarks).</summary>
    private bool _awaitingReport;
    /// <summary>The first report did not come within the bound: applies read until it comes.</summary>
    private bool _reportOverdue;
    private ServicePart? _objects;
    private string? _objectsSpecHash;
    private WatchedObjects _watched = WatchedObjects.None;
    private IActorRef? _applier;
    private string? _applierSpecHash;
    private int _failures;
    private int _applierGeneration;
    private bool _reportAfterCheck;
    /// <summary>The observer's last word on what runs (ObserveWorkload or ObserveHostUnits); it resends on every change.</summary>
    private object? _lastObservation;
    private readonly SnapshotSchedule _snapshots = new(Context.System.Settings.Config);
    private bool _paused;

    /// <param name="coordinator">The coordinators' shard region (or a stand-in): reports travel in a <see cref="DeploymentEnvelope"/>.</param>
    /// <param name="firstReportWait">
    /// How long an apply waits for the watches' first report of the service's objects before it reads them instead; zero
    /// where no observer reports (an apply then reads at once).
    /// </param>
    public ServiceSupervisor(DeploymentKey deployment, string serviceName, IKubernetes kubernetes, IActorRef coordinator,
        TimeProvider clock, TimeSpan minBackoff, TimeSpan firstReportWait)
    {
        PersistenceId = PersistenceIds.Service(deployment, serviceName);
        _deployment = deployment;
        State = ServiceState.Empty(serviceName);
        _kubernetes = kubernetes;
        _coordinator = coordinator;
        _clock = clock;
        _minBackoff = minBackoff;
        _firstReportWait = firstReportWait;

        Recover<SnapshotOffer>(o =>
        {
            State = (ServiceState)o.Snapshot;
            _snapshots.Offered(o.Metadata);
        });
        Recover<IServiceEvent>(e =>
        {
            State = State.Apply(e);
            _snapshots.Replayed();
        });
        Recover<RecoveryCompleted>(_ => _snapshots.Recovered(PersistenceId, LastSequenceNr, _log, () => SaveSnapshot(State)));
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(f => _log.Warning("{Service}: snapshot not saved ({Reason})", State.ServiceName, f.Cause.Message));
        Command<ConfigureService>(Configure);
        Command<ObjectsApplied>(applied =>
        {
            _watched = _watched.Applied(applied.Written);
            if (applied.Generation == _applierGeneration)
                _watched = _watched.ApplyEnded();
            RecordApplied(applied.Record);
        });
        Command<RecordObjectsApplied>(RecordApplied);
        Command<ObserveObjects>(observed =>
        {
            _watched = _watched.Report(observed.Objects);
            if (_awaitingReport)
            {
                _awaitingReport = false;
                Timers.Cancel(nameof(FirstReportOverdue));
                StartApplier();
            }
            RepairReportedChanges();
        });
        Command<FirstReportOverdue>(_ =>
        {
            if (!_awaitingReport)
                return;
            _awaitingReport = false;
            _reportOverdue = true;
            _log.Info("{Service}: no report of its objects from the watches within {Wait}; the apply reads them", State.ServiceName, _firstReportWait);
            StartApplier();
        });
        Command<RecordApplyFailure>(c =>
        {
            _failures = c.Permanent ? 0 : _failures + 1;
            Record(State.Decide(c with { ConsecutiveFailures = _failures }), () => { });
        });
        Command<ObserveWorkload>(c =>
        {
            _lastObservation = c;
            Record(State.Decide(c), () => { });
        });
        Command<ObserveHostUnits>(c =>
        {
            _lastObservation = c;
            Record(State.Decide(c), () => { });
        });
        Command<GetServiceStatus>(_ => Sender.Tell(State.Report()));
        Command<PauseServiceWrites>(c =>
        {
            _paused = c.Paused;
            if (_paused)
                StopApplier(_applierSpecHash);
            else
            {
                EnsureApplier();
                RepairReportedChanges();
            }
        });
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    public ServiceState State { get; private set; }

    public static Props Props(DeploymentKey deployment, string serviceName, IKubernetes kubernetes, IActorRef coordinator,
        TimeProvider clock, TimeSpan minBackoff, TimeSpan firstReportWait) =>
        Akka.Actor.Props.Create(() => new ServiceSupervisor(deployment, serviceName, kubernetes, coordinator, clock, minBackoff, firstReportWait));

    private void Report() => _coordinator.Tell(new DeploymentEnvelope(_deployment, State.Report()));

    private void RecordApplied(RecordObjectsApplied applied) => Record(State.Decide(applied), () =>
    {
        StopApplier(applied.SpecHash);
        // An apply that wrote nothing changed nothing the watches could report: the last observation is what runs now, so
        // readiness is decided on it at once instead of at the observer's next resync (up to its interval later). After a
        // write it would be stale (an old generation fully rolled out), so then the watch event of the write decides.
        if (applied.Writes == 0)
            DecideOnLastObservation();
        if (_reportAfterCheck)
        {
            _reportAfterCheck = false;
            Report();
        }
        RepairReportedChanges();
    });

    private void DecideOnLastObservation()
    {
        switch (_lastObservation)
        {
            case ObserveWorkload workload when ObservesCurrentWorkload(workload):
                Record(State.Decide(workload), () => { });
                break;
            case ObserveHostUnits units:
                Record(State.Decide(units), () => { });
                break;
        }
    }

    /// <summary>
    /// The workload watch and the objects watch are separate streams, so the last readiness report is trusted only when
    /// every write of ours has been reported and the reported workload is at the generation that report describes.
    /// </summary>
    private bool ObservesCurrentWorkload(ObserveWorkload observed) =>
        observed.Workload is { } workload && _watched.Reported && _watched.Unreported.IsEmpty
        && _watched.Objects.Values.Any(o => o is V1Deployment or V1StatefulSet && o.Metadata.Name == workload.Name
            && (o.Metadata.Generation ?? 0) == workload.Generation);

    /// <summary>True when the objects of the spec the state holds are written and in hand: then a drift is repaired.</summary>
    private bool Settled => _objects is not null && _objectsSpecHash == State.SpecHash && State.AppliedSpecHash == State.SpecHash
        && State.Status != ServiceStatus.Failed && !_paused;

    /// <summary>
    /// A report changed some of our objects (someone edited or deleted them): compared with what we render, without a
    /// request, and put back when they differ. While an apply is under way the changes wait for it to end.
    /// </summary>
    private void RepairReportedChanges()
    {
        if (!Settled || _applier is not null || _watched.Unchecked.IsEmpty)
            return;
        var drifted = _watched.Drifted(_objects!.Objects, onlyUnchecked: true, _kubernetes.Drift);
        _watched = _watched.Checked();
        if (drifted.Count == 0)
            return;
        _log.Info("{Service}: the watches report {Objects} changed from spec hash {SpecHash}; putting them back", State.ServiceName,
            string.Join(", ", drifted.Select(ObjectIdentity.Of)), WorkloadReadiness.Short(State.SpecHash));
        StartApplier();
    }

    private void Configure(ConfigureService command)
    {
        // The coordinator hands out nothing while it pauses a deployment, so a part handed out means: write again (a
        // service removed from the spec, and so stopped, that a later spec names again).
        _paused = false;
        _objects = command.Part;
        _objectsSpecHash = StateHash.Of(_objects.Objects);
        var desired = new DesiredService(command.ServiceName, command.Part.Kind, _objectsSpecHash, _objects.RunningHash,
            _objects.FileHashes, _objects.ExpectedNodes, command.WaitingFor, command.At);
        var events = State.Decide(desired);
        if (events.Count > 0)
        {
            Record(events, () => { });
            return;
        }
        if (State.AppliedSpecHash == State.SpecHash && State.Status != ServiceStatus.Failed)
        {
            // Nothing changed in the spec: check the cluster still holds it (no write when it does), then report. With the
            // watches' report in hand the check is a comparison, without a request; without it, the applier reads each object.
            if (_applier is null && _watched.Reported)
            {
                Telemetry.OrchestratorMetrics.ServiceChecks.WithLabels(_deployment.ToString(), "watch").Inc();
                _watched = _watched.Aged();
                var drifted = _watched.Drifted(_objects.Objects, onlyUnchecked: false, _kubernetes.Drift);
                _watched = _watched.Checked();
                if (drifted.Count == 0)
                {
                    Report();
                    return;
                }
            }
            else if (_applierSpecHash != State.SpecHash)
                Telemetry.OrchestratorMetrics.ServiceChecks.WithLabels(_deployment.ToString(), "applier").Inc();
            _reportAfterCheck = true;
            if (_applierSpecHash != State.SpecHash)
                StartApplier();
            return;
        }
        Report();
        EnsureApplier();
    }

    /// <summary>Persist, fold in, then act: the side effects follow the events that decided them.</summary>
    private void Record(IReadOnlyList<IServiceEvent> events, Action afterwards)
    {
        if (events.Count == 0)
        {
            afterwards();
            return;
        }
        var before = State.Report();
        var remaining = events.Count;
        var persisting = System.Diagnostics.Stopwatch.StartNew();
        PersistAll(events, e =>
        {
            if (remaining == events.Count)
                Telemetry.OrchestratorMetrics.JournalPersist.WithLabels("service").Observe(persisting.Elapsed.TotalSeconds);
            State = State.Apply(e);
            _log.Info("{Service}: {Event} ({Cause})", State.ServiceName, e.GetType().Name, e.Cause);
            _snapshots.SaveIfDue(LastSequenceNr, () => SaveSnapshot(State));
            if (--remaining > 0)
                return;
            afterwards();
            EnsureApplier();
            if (State.Report() != before)
                Report();
        });
    }

    /// <summary>Runs the applier whenever the current spec's objects still have to be written (also after a replay).</summary>
    private void EnsureApplier()
    {
        if (State.NeedsApply && _objects is not null && _applierSpecHash != State.SpecHash)
            StartApplier();
    }

    private void StartApplier()
    {
        if (_paused)
            return;
        StopApplier(_applierSpecHash);
        if (!_watched.Reported && !_reportOverdue && _firstReportWait > TimeSpan.Zero)
        {
            if (!_awaitingReport)
                Timers.StartSingleTimer(nameof(FirstReportOverdue), FirstReportOverdue.Instance, _firstReportWait);
            _awaitingReport = true;
            return;
        }
        var objects = _objects!.Objects;
        _watched = _watched.Applying();
        var watched = _watched;
        LogReads(objects, watched);
        var specHash = State.SpecHash;
        var serviceName = State.ServiceName;
        var kubernetes = _kubernetes;
        var clock = _clock;
        var generation = ++_applierGeneration;
        _failures = 0;
        _applierSpecHash = specHash;
        _applier = Context.ActorOf(ApiCall.Props(Self,
            async cancellation =>
            {
                var results = new List<ApplyResult>();
                foreach (var phase in ApplyPhases.Of(objects))
                    results.AddRange(await Task.WhenAll(phase.Select(desired => watched.For(desired) is { } observed
                        ? kubernetes.ApplyAsync(desired, observed, cancellation)
                        : kubernetes.ApplyAsync(desired, cancellation))));
                var written = results.Where(r => r.Outcome != ApplyOutcome.Unchanged).ToList();
                return new ObjectsApplied(generation,
                    new RecordObjectsApplied(serviceName, specHash, written.Count, clock.GetUtcNow(), written.Select(r => r.DescribeDrift()).ToList()),
                    written.Select(r => (new ObjectIdentity(r.Kind, r.Name), r.ResourceVersion)).ToList());
            },
            (reason, permanent) => new RecordApplyFailure(serviceName, reason, 0, permanent, clock.GetUtcNow()),
            _minBackoff), $"apply-{generation}");
    }

    /// <summary>At Debug: which objects this apply reads before deciding, and why the watches' report could not answer.</summary>
    private void LogReads(IReadOnlyList<k8s.IKubernetesObject<V1ObjectMeta>> objects, WatchedObjects watched)
    {
        if (!_log.IsDebugEnabled)
            return;
        var reads = objects.Select(o => (Identity: ObjectIdentity.Of(o), Why: watched.WhyRead(o))).Where(r => r.Why is not null).ToList();
        if (reads.Count > 0)
            _log.Debug("{Service}: apply reads {Objects} first ({Reasons})", State.ServiceName, string.Join(", ", reads.Select(r => r.Identity)),
                string.Join("; ", reads.Select(r => r.Why).Distinct()));
        else
            _log.Debug("{Service}: apply decides on the watches' report, without a read", State.ServiceName);
    }

    /// <summary>The bound on the wait for the watches' first report has passed.</summary>
    private sealed class FirstReportOverdue
    {
        public static readonly FirstReportOverdue Instance = new();
    }

    /// <summary>The applier's answer, with the resourceVersion of each object it wrote (a child's message, never across members).</summary>
    private sealed record ObjectsApplied(int Generation, RecordObjectsApplied Record, IReadOnlyList<(ObjectIdentity Identity, string? ResourceVersion)> Written);

    private void StopApplier(string? specHash)
    {
        if (_applier is null || specHash != _applierSpecHash)
            return;
        Context.Stop(_applier);
        _applier = null;
        _watched = _watched.ApplyEnded();
        _applierSpecHash = null;
    }
}
