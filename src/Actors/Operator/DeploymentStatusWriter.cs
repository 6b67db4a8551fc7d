using Akka.Actor;
using Akka.Event;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Supervision;
using Orchestrator.Messages.Deployments;

namespace Orchestrator.Actors.Operator;

/// <summary>
/// The coordinator's child that writes an OpenStackDeployment's status subresource: it keeps the latest
/// <see cref="StatusInputs"/> it was told, and writes the status they make only when it differs from what it last
/// wrote (or, before its first write, from what the object was seen to carry). One write at a time; when a write ends,
/// the latest inputs are compared again, so a burst of reports ends in one write of the last word.
/// </summary>
public sealed class DeploymentStatusWriter : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly DeploymentKey _key;
    private readonly IKubernetes _kubernetes;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _minBackoff;
    private Desire? _latest;
    private DeploymentResourceStatus? _written;
    private IActorRef? _writing;
    private int _writes;

    public DeploymentStatusWriter(DeploymentKey key, IKubernetes kubernetes, TimeProvider clock, TimeSpan minBackoff)
    {
        _key = key;
        _kubernetes = kubernetes;
        _clock = clock;
        _minBackoff = minBackoff;
        Receive<Desire>(desire =>
        {
            _latest = desire;
            WriteIfChanged();
        });
        // The object is gone: nothing is written until it is seen again.
        Receive<Forget>(_ => _latest = null);
        Receive<Written>(w =>
        {
            if (w.Call.Equals(_writing))
                _writing = null;
            WriteIfChanged();
        });
        Receive<WriteFailed>(f =>
        {
            _log.Warning("status of {Deployment} not written: {Reason}", _key, f.Reason);
            if (!f.Permanent || _writing is null)
                return;
            // Refused (the object is gone, or the API rejects the status): forget it, the next change tries again.
            Context.Stop(_writing);
            _writing = null;
            _written = null;
        });
    }

    public static Props Props(DeploymentKey key, IKubernetes kubernetes, TimeProvider clock, TimeSpan minBackoff) =>
        Akka.Actor.Props.Create(() => new DeploymentStatusWriter(key, kubernetes, clock, minBackoff));

    /// <summary>The status the object should carry, from these inputs; <paramref name="Observed"/> is what the watch saw on it.</summary>
    public sealed record Desire(DeploymentResourceStatus? Observed, StatusInputs Inputs);

    /// <summary>The object was removed: drop the last inputs, so no write follows one still under way.</summary>
    public sealed record Forget
    {
        public static readonly Forget Instance = new();
    }

    private void WriteIfChanged()
    {
        if (_latest is not { } latest || _writing is not null)
            return;
        var known = _written ?? latest.Observed;
        var desired = DeploymentConditions.Desired(known, latest.Inputs, _clock.GetUtcNow());
        if (desired.SameAs(known))
            return;
        var (kubernetes, key) = (_kubernetes, _key);
        _written = desired;
        IActorRef? call = null;
        call = Context.ActorOf(ApiCall.Props(Self,
            async cancellation =>
            {
                await kubernetes.PatchStatusAsync<OpenStackDeploymentResource>(key.Namespace, key.Name, desired, cancellation);
                return new Written(call!);
            },
            (reason, permanent) => new WriteFailed(reason, permanent),
            _minBackoff), $"status-{++_writes}");
        _writing = call;
    }

    private sealed record Written(IActorRef Call);

    private sealed record WriteFailed(string Reason, bool Permanent);
}
