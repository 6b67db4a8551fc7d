using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Orchestrator.Actors.Deployments;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Supervision;
using Orchestrator.Messages.Services;

namespace Orchestrator.Actors.Services;

/// <summary>
/// One per service (a sharded entity named after it). A thin shell over <see cref="ServiceState"/>: it persists the
/// events the state decides, and only then acts on them: an idempotent apply of the service's objects by a child
/// under backoff supervision, and a status report to the coordinator whenever the status moves.
/// </summary>
public sealed class ServiceSupervisor : ReceivePersistentActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IKubernetes _kubernetes;
    private readonly IDesiredState _desiredState;
    private readonly IActorRef _coordinator;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _minBackoff;
    private ServiceObjects? _objects;
    private IActorRef? _applier;
    private string? _applierSpecHash;
    private int _failures;
    private int _applierGeneration;
    private bool _reportAfterCheck;

    public ServiceSupervisor(string serviceName, IKubernetes kubernetes, IDesiredState desiredState, IActorRef coordinator,
        TimeProvider clock, TimeSpan minBackoff)
    {
        PersistenceId = "service-" + serviceName;
        State = ServiceState.Empty(serviceName);
        _kubernetes = kubernetes;
        _desiredState = desiredState;
        _coordinator = coordinator;
        _clock = clock;
        _minBackoff = minBackoff;

        Recover<IServiceEvent>(e => State = State.Apply(e));
        Command<ConfigureService>(Configure);
        Command<RecordObjectsApplied>(c => Record(State.Decide(c), () =>
        {
            StopApplier(c.SpecHash);
            if (!_reportAfterCheck)
                return;
            _reportAfterCheck = false;
            _coordinator.Tell(State.Report());
        }));
        Command<RecordApplyFailure>(c =>
        {
            _failures = c.Permanent ? 0 : _failures + 1;
            Record(State.Decide(c with { ConsecutiveFailures = _failures }), () => { });
        });
        Command<ObserveWorkload>(c => Record(State.Decide(c), () => { }));
        Command<ObserveHostUnits>(c => Record(State.Decide(c), () => { }));
        Command<GetServiceStatus>(_ => Sender.Tell(State.Report()));
    }

    public override string PersistenceId { get; }

    public ServiceState State { get; private set; }

    public static Props Props(string serviceName, IKubernetes kubernetes, IDesiredState desiredState, IActorRef coordinator,
        TimeProvider clock, TimeSpan minBackoff) =>
        Akka.Actor.Props.Create(() => new ServiceSupervisor(serviceName, kubernetes, desiredState, coordinator, clock, minBackoff));

    private void Configure(ConfigureService command)
    {
        var spec = command.Deployment.Spec.Services.Single(s => s.Name == command.ServiceName);
        _objects = _desiredState.ForService(command.Deployment, command.ServiceName);
        var files = spec.Config.Select(f => ($"{f.Key}", StateHash.Of(f.Value)))
            .Concat(spec.Secrets.Select(s => ($"secret {s.Key}", StateHash.Of(s.Value))))
            .ToDictionary(f => f.Item1, f => f.Item2);
        var desired = new DesiredService(command.ServiceName, spec.Kind, StateHash.Of(_objects.Objects), _objects.RunningHash,
            files, _objects.ExpectedNodes, command.WaitingFor, command.At);
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
        _coordinator.Tell(State.Report());
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
        PersistAll(events, e =>
        {
            State = State.Apply(e);
            _log.Info("{Service}: {Event} ({Cause})", State.ServiceName, e.GetType().Name, e.Cause);
            if (--remaining > 0)
                return;
            afterwards();
            EnsureApplier();
            if (State.Report() != before)
                _coordinator.Tell(State.Report());
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
