using System.Text.Json;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Operator;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Supervision;
using Orchestrator.Actors.Watching;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;
using Orchestrator.Messages.Services;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Deployments;

/// <summary>
/// One per deployment (a sharded entity keyed by the OpenStackDeployment's namespace and name): it takes each new
/// generation of the object, writes the shared objects, then hands every service and node its part, holding back each
/// service until its dependencies report Ready, folds their reports into the deployment's status, and writes that
/// status to the object's status subresource when it changed. Its journal holds the accepted plans and status
/// changes; the spec itself (with its secrets) lives only in memory and comes again from the object.
/// </summary>
public sealed class DeploymentCoordinator : ReceivePersistentActor
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
    private string? _sharedAppliedHash;
    private IActorRef? _sharedWriter;
    private IActorRef? _observer;
    private int _sharedFailures;
    private int _generation;
    private ReconcileDeployment? _resource;
    private long? _actedOnGeneration;
    private IReadOnlyList<string> _invalid = [];
    private DeploymentResourceStatus? _statusWritten;
    private IActorRef? _statusWriter;

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

        Recover<IDeploymentEvent>(e => State = State.Apply(e));
        Command<ReconcileDeployment>(Reconcile);
        Command<RecordSharedObjectsApplied>(c =>
        {
            if (_deployment is null || c.SpecHash != State.SpecHash || Paused)
                return;
            _log.Info("shared objects of {Deployment} in place, {Writes} written", _key, c.Writes);
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
        Command<DeploymentRemoved>(_ =>
        {
            // The object is gone: nothing left to watch or report on until it is made again.
            _resource = null;
            _deployment = null;
            StopSharedWriter();
            if (_observer is not null)
                Context.Stop(_observer);
            _observer = null;
        });
        Command<GetDeploymentStatus>(_ => Sender.Tell(State.Result() with { ObservedGeneration = _actedOnGeneration }));
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
            WriteStatusIfChanged();
            return;
        }
        if (resource.Deleting)
        {
            WriteStatusIfChanged();
            return;
        }
        if (resource.Errors.Count > 0 || resource.Deployment is null)
        {
            // Nothing of an invalid spec is applied; what runs stays as the last valid generation made it.
            _log.Warning("{Deployment} generation {Generation} is invalid: {Errors}", _key, resource.Generation, string.Join("; ", resource.Errors));
            _invalid = resource.Errors;
            _actedOnGeneration = resource.Generation;
            WriteStatusIfChanged();
            return;
        }
        _invalid = [];
        if (resource.Paused)
        {
            _log.Info("{Deployment} is paused: no writes until the annotation is removed", _key);
            StopSharedWriter();
            WriteStatusIfChanged();
            return;
        }
        _actedOnGeneration = resource.Generation;
        Accept(resource.Deployment, resource.At);
        WriteStatusIfChanged();
    }

    private void Accept(OpenStackDeployment deployment, DateTimeOffset at)
    {
        var specHash = StateHash.Of(JsonSerializer.Serialize(deployment));
        _deployment = deployment;
        // Every part reports again after this apply; until then the deployment is Progressing, never stale Ready.
        State = State.WithoutReports();
        Record(State.Decide(deployment, specHash, at), () =>
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
        PersistAll(events, e =>
        {
            State = State.Apply(e);
            _log.Info("{Deployment}: {Event} ({Cause})", _key, e.GetType().Name, e.Cause);
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
                var objects = await desiredState.PrepareAsync(deployment, cancellation);
                var writes = 0;
                foreach (var desired in objects)
                    if ((await kubernetes.ApplyAsync(desired, cancellation)).Outcome != ApplyOutcome.Unchanged)
                        writes++;
                return new RecordSharedObjectsApplied(specHash, writes, clock.GetUtcNow());
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
            _nodes.Tell(new DeploymentEnvelope(_key, new ConfigureNode(node.Name, _deployment, State.Released, _clock.GetUtcNow())));
    }

    private void ConfigureService(string service) =>
        _services.Tell(new DeploymentEnvelope(_key, new ConfigureService(service, _deployment!, State.WaitingFor(service), _clock.GetUtcNow())));
}
