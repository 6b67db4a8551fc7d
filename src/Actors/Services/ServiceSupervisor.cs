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
public sealed class ServiceSupervisor : ReceivePersistentActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IKubernetes _kubernetes;
    private readonly IActorRef _coordinator;
    private readonly DeploymentKey _deployment;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _minBackoff;
    private ServicePart? _objects;
    private IActorRef? _applier;
    private string? _applierSpecHash;
    private int _failures;
    private int _applierGeneration;
    private bool _reportAfterCheck;
    private readonly SnapshotSchedule _snapshots = new(Context.System.Settings.Config);
    private bool _paused;

    /// <param name="coordinator">The coordinators' shard region (or a stand-in): reports travel in a <see cref="DeploymentEnvelope"/>.</param>
    public ServiceSupervisor(DeploymentKey deployment, string serviceName, IKubernetes kubernetes, IActorRef coordinator,
        TimeProvider clock, TimeSpan minBackoff)
    {
        PersistenceId = PersistenceIds.Service(deployment, serviceName);
        _deployment = deployment;
        State = ServiceState.Empty(serviceName);
        _kubernetes = kubernetes;
        _coordinator = coordinator;
        _clock = clock;
        _minBackoff = minBackoff;

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
        Command<RecordObjectsApplied>(c => Record(State.Decide(c), () =>
        {
            StopApplier(c.SpecHash);
            if (!_reportAfterCheck)
                return;
            _reportAfterCheck = false;
            Report();
        }));
        Command<RecordApplyFailure>(c =>
        {
            _failures = c.Permanent ? 0 : _failures + 1;
            Record(State.Decide(c with { ConsecutiveFailures = _failures }), () => { });
        });
        Command<ObserveWorkload>(c => Record(State.Decide(c), () => { }));
        Command<ObserveHostUnits>(c => Record(State.Decide(c), () => { }));
        Command<GetServiceStatus>(_ => Sender.Tell(State.Report()));
        Command<PauseServiceWrites>(c =>
        {
            _paused = c.Paused;
            if (_paused)
                StopApplier(_applierSpecHash);
            else
                EnsureApplier();
        });
    }

    public override string PersistenceId { get; }

    public ServiceState State { get; private set; }

    public static Props Props(DeploymentKey deployment, string serviceName, IKubernetes kubernetes, IActorRef coordinator,
        TimeProvider clock, TimeSpan minBackoff) =>
        Akka.Actor.Props.Create(() => new ServiceSupervisor(deployment, serviceName, kubernetes, coordinator, clock, minBackoff));

    private void Report() => _coordinator.Tell(new DeploymentEnvelope(_deployment, State.Report()));

    private void Configure(ConfigureService command)
    {
        _objects = command.Part;
        var desired = new DesiredService(command.ServiceName, command.Part.Kind, StateHash.Of(_objects.Objects), _objects.RunningHash,
            _objects.FileHashes, _objects.ExpectedNodes, command.WaitingFor, command.At);
        var events = State.Decide(desired);
        if (events.Count > 0)
        {
            Record(events, () => { });
            return;
        }
        if (State.AppliedSpecHash == State.SpecHash && State.Status != ServiceStatus.Failed)
        {
            // Nothing changed in the spec: check the cluster still holds it (no write when it does), then report.
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
        var objects = _objects!.Objects;
        var specHash = State.SpecHash;
        var serviceName = State.ServiceName;
        var kubernetes = _kubernetes;
        var clock = _clock;
        _failures = 0;
        _applierSpecHash = specHash;
        _applier = Context.ActorOf(ApiCall.Props(Self,
            async cancellation =>
            {
                var written = new List<string>();
                foreach (var desired in objects)
                {
                    var result = await kubernetes.ApplyAsync(desired, cancellation);
                    if (result.Outcome != ApplyOutcome.Unchanged)
                        written.Add(result.DescribeDrift());
                }
                return new RecordObjectsApplied(serviceName, specHash, written.Count, clock.GetUtcNow(), written);
            },
            (reason, permanent) => new RecordApplyFailure(serviceName, reason, 0, permanent, clock.GetUtcNow()),
            _minBackoff), $"apply-{++_applierGeneration}");
    }

    private void StopApplier(string? specHash)
    {
        if (_applier is null || specHash != _applierSpecHash)
            return;
        Context.Stop(_applier);
        _applier = null;
        _applierSpecHash = null;
    }
}
