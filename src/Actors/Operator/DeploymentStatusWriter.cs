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
/// wrote (or, before its first write, from what the object was seen to carry). One write at a time, and at most one
/// per <c>interval</c>: a change within the interval after a write waits for its end, and then the latest inputs are
/// compared again, so a burst of reports ends in one write of the last word. A change of progress alone (the "ready"
/// counts and the conditions' messages move with every service Ready, while no condition flips and the generation
/// stays) waits <see cref="ProgressIntervals"/> intervals: a short rollout then writes its start and its end, a long
/// one its progress every few seconds. The last state is always written; what is written is only ever what the inputs
/// say now.
/// </summary>
public sealed class DeploymentStatusWriter : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly DeploymentKey _key;
    private readonly IKubernetes _kubernetes;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _minBackoff;
    private readonly TimeSpan _interval;
    /// <summary>When the last write started, on a monotonic clock (timers run on real time, whatever clock the status is stamped with).</summary>
    private long? _lastWriteStarted;
    /// <summary>How many intervals a change of progress alone waits after the last write.</summary>
    public const int ProgressIntervals = 5;

    private Desire? _latest;
    private DeploymentResourceStatus? _written;
    private IActorRef? _writing;
    private int _writes;

    public DeploymentStatusWriter(DeploymentKey key, IKubernetes kubernetes, TimeProvider clock, TimeSpan minBackoff, TimeSpan interval)
    {
        _interval = interval;
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
        Receive<IntervalOver>(_ => WriteIfChanged());
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

    public static Props Props(DeploymentKey key, IKubernetes kubernetes, TimeProvider clock, TimeSpan minBackoff, TimeSpan interval) =>
        Akka.Actor.Props.Create(() => new DeploymentStatusWriter(key, kubernetes, clock, minBackoff, interval));

    public ITimerScheduler Timers { get; set; } = null!;

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
        var interval = OnlyProgressDiffers(desired, known) ? _interval * ProgressIntervals : _interval;
        var wait = _lastWriteStarted is { } started ? interval - System.Diagnostics.Stopwatch.GetElapsedTime(started) : TimeSpan.Zero;
        if (wait > TimeSpan.Zero)
        {
            // Within the interval after the last write: written at its end, with whatever the inputs say then (a timer
            // already set for a longer wait is brought forward when a condition flips meanwhile).
            if (!Timers.IsTimerActive(nameof(IntervalOver)) || interval == _interval)
                Timers.StartSingleTimer(nameof(IntervalOver), IntervalOver.Instance, wait);
            return;
        }
        _lastWriteStarted = System.Diagnostics.Stopwatch.GetTimestamp();
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

    /// <summary>Same generation and the same condition statuses and reasons: only counts and messages moved.</summary>
    private static bool OnlyProgressDiffers(DeploymentResourceStatus desired, DeploymentResourceStatus? known) =>
        known is not null && known.ObservedGeneration == desired.ObservedGeneration && known.Conditions.Count == desired.Conditions.Count
        && known.Conditions.Zip(desired.Conditions).All(pair => pair.First.Type == pair.Second.Type && pair.First.Status == pair.Second.Status
            && pair.First.Reason == pair.Second.Reason && pair.First.ObservedGeneration == pair.Second.ObservedGeneration);

    private sealed record Written(IActorRef Call);

    private sealed class IntervalOver
    {
        public static readonly IntervalOver Instance = new();
    }

    private sealed record WriteFailed(string Reason, bool Permanent);
}
