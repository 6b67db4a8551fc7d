using System.Text.Json;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Supervision;
using Orchestrator.Actors.Watching;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;
using Orchestrator.Messages.Services;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Deployments;

/// <summary>
/// The cluster singleton that plans a deployment: it writes the shared objects, then hands every service and node
/// its part, holding back each service until its dependencies report Ready, and folds their reports into the
/// deployment's status. Its journal holds the accepted plans and status changes; the spec itself (with its secrets)
/// lives only in memory and comes again with the next ApplyDeployment.
/// </summary>
public sealed class DeploymentCoordinator : ReceivePersistentActor, IWithTimers
{
    public const string Name = "deployment-coordinator";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IKubernetes _kubernetes;
    private readonly IDesiredState _desiredState;
    private readonly IActorRef _services;
    private readonly IActorRef _nodes;
    private readonly TimeProvider _clock;
    private readonly CoordinatorTimings _timings;
    private OpenStackDeployment? _deployment;
    private string? _sharedAppliedHash;
    private IActorRef? _sharedWriter;
    private IActorRef? _observer;
    private string? _observedNamespace;
    private int _sharedFailures;
    private int _generation;

    public DeploymentCoordinator(IKubernetes kubernetes, IDesiredState desiredState, IActorRef services, IActorRef nodes,
        TimeProvider clock, CoordinatorTimings timings)
    {
        _kubernetes = kubernetes;
        _desiredState = desiredState;
        _services = services;
        _nodes = nodes;
        _clock = clock;
        _timings = timings;

        Recover<IDeploymentEvent>(e => State = State.Apply(e));
        Command<ApplyDeployment>(Accept);
        Command<RecordSharedObjectsApplied>(c =>
        {
            if (_deployment is null || c.SpecHash != State.SpecHash)
                return;
            _log.Info("shared objects of {Deployment} in place, {Writes} written", State.Deployment, c.Writes);
            if (c.Pruned is { Count: > 0 } pruned)
                _log.Info("{Deployment}: pruned what the spec no longer names: {Pruned}", State.Deployment, string.Join(", ", pruned));
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
                if (release.Count > 0 && _deployment is not null && _sharedAppliedHash == State.SpecHash)
                    ConfigureNodes();
            });
            if (before?.Status != report.Status && _deployment is not null && _sharedAppliedHash == State.SpecHash)
                foreach (var dependent in State.Dependents(report.ServiceName))
                    ConfigureService(dependent);
            Record(State.DecideStatus(_clock.GetUtcNow()));
        });
        Command<NodeStatusReport>(report =>
        {
            State = State.With(report);
            Record(State.DecideStatus(_clock.GetUtcNow()));
        });
        Command<GetDeploymentStatus>(_ => Sender.Tell(State.Result()));
        Command<RepairDrift>(_ => RepairDrift.Run(this));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        base.PreStart();
        Timers.StartPeriodicTimer(nameof(RepairDrift), RepairDrift.Instance, _timings.RepairInterval);
    }

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
            if (coordinator._deployment is null || coordinator._sharedAppliedHash != coordinator.State.SpecHash || coordinator._sharedWriter is not null)
                return;
            coordinator._sharedAppliedHash = null;
            coordinator.WriteSharedObjects();
        }
    }

    public override string PersistenceId => Name;

    public CoordinatorState State { get; private set; } = CoordinatorState.Empty;

    public static Props Props(IKubernetes kubernetes, IDesiredState desiredState, IActorRef services, IActorRef nodes,
        TimeProvider clock, CoordinatorTimings timings) =>
        Akka.Actor.Props.Create(() => new DeploymentCoordinator(kubernetes, desiredState, services, nodes, clock, timings));

    private void Accept(ApplyDeployment command)
    {
        var specHash = StateHash.Of(JsonSerializer.Serialize(command.Deployment));
        _deployment = command.Deployment;
        // Every part reports again after this apply; until then the deployment is Progressing, never stale Ready.
        State = State.WithoutReports();
        Record(State.Decide(command.Deployment, specHash, command.At), () =>
        {
            Observe(command.Deployment);
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
        PersistAll(events, e =>
        {
            State = State.Apply(e);
            _log.Info("{Deployment}: {Event} ({Cause})", e.Deployment, e.GetType().Name, e.Cause);
            if (--remaining == 0)
                afterwards?.Invoke();
        });
    }

    private void Observe(OpenStackDeployment deployment)
    {
        var ns = deployment.Metadata.Namespace;
        if (_observer is null || _observedNamespace != ns)
        {
            if (_observer is not null)
                Context.Stop(_observer);
            _observer = Context.ActorOf(ClusterObserver.Props(_kubernetes, ns, _services, _nodes, _clock, _timings.MinBackoff,
                _timings.Resync), $"observer-{++_generation}");
            _observedNamespace = ns;
        }
        _observer.Tell(new ClusterObserver.Watch(deployment));
    }

    private void WriteSharedObjects()
    {
        StopSharedWriter();
        var (deployment, desiredState, specHash, kubernetes, clock) = (_deployment!, _desiredState, State.SpecHash, _kubernetes, _clock);
        _sharedWriter = Context.ActorOf(ApiCall.Props(Self,
            async cancellation =>
            {
                var objects = await desiredState.PrepareAsync(deployment, cancellation);
                var writes = 0;
                foreach (var desired in objects)
                    if ((await kubernetes.ApplyAsync(desired, cancellation)).Outcome != ApplyOutcome.Unchanged)
                        writes++;
                IReadOnlyList<string> pruned = desiredState.AllObjects(deployment) is { } all
                    ? await OrphanPruning.PruneAsync(kubernetes, deployment, all, cancellation)
                    : [];
                return new RecordSharedObjectsApplied(specHash, writes + pruned.Count, clock.GetUtcNow(), pruned);
            },
            (reason, permanent) => new RecordSharedObjectsFailure(reason, 0, permanent, clock.GetUtcNow()),
            _timings.MinBackoff), $"shared-{++_generation}");
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

    private void ConfigureNodes()
    {
        foreach (var node in _deployment!.Spec.Nodes)
            _nodes.Tell(new ConfigureNode(node.Name, _deployment, State.Released, _clock.GetUtcNow()));
    }

    private void ConfigureService(string service) =>
        _services.Tell(new ConfigureService(service, _deployment!, State.WaitingFor(service), _clock.GetUtcNow()));
}
