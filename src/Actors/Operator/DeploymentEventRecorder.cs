using Akka.Actor;
using Akka.Event;
using k8s.Models;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Supervision;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Services;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Operator;

/// <summary>
/// The coordinator's child that writes core/v1 Events on the OpenStackDeployment, for `kubectl describe osd`: what an
/// operator needs, not every step. The ones the coordinator decides (rollout started, paused, invalid spec, deleting,
/// ...); a service turning Degraded or Failed, each at once; services turning Ready, gathered into one Event per
/// <c>gathering</c> interval (ServicesReady), or into the Event of the deployment turning Ready (RolloutFinished) when
/// that comes first; and the deployment turning Degraded or Failed. A service's start of rollout is a step, not an
/// Event (the status and `orchestrator audit` show it). Repeats are counted on one Event by the port. While no object
/// is known (before the first reconcile, after a removal) nothing is written.
/// </summary>
public sealed class DeploymentEventRecorder : ReceiveActor, IWithTimers
{
    /// <summary>At most this many service names in one gathered Event's message; the rest are counted.</summary>
    private const int NamesPerEvent = 20;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly DeploymentKey _key;
    private readonly IKubernetes _kubernetes;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _minBackoff;
    private readonly DateTimeOffset _startedAt;
    private readonly Dictionary<string, ServiceStatus> _announced = [];
    private readonly TimeSpan _gathering;
    private readonly List<string> _readyGathered = [];
    private string? _uid;
    private int _events;

    public DeploymentEventRecorder(DeploymentKey key, IKubernetes kubernetes, TimeProvider clock, TimeSpan minBackoff, DateTimeOffset startedAt,
        TimeSpan gathering)
    {
        _gathering = gathering;
        _key = key;
        _kubernetes = kubernetes;
        _clock = clock;
        _minBackoff = minBackoff;
        _startedAt = startedAt;
        Receive<Involve>(i => _uid = i.Uid);
        Receive<Note>(n => Record(n.Type, n.Reason, n.Message));
        Receive<ServiceReported>(r => AnnounceService(r.Report));
        Receive<StatusChanged>(c =>
        {
            if (c.Changed.Status is DeploymentStatus.Degraded or DeploymentStatus.Failed)
                Record("Warning", c.Changed.Status.ToString(), c.Changed.Reason ?? c.Changed.Cause);
            if (c.Changed.Status == DeploymentStatus.Ready)
            {
                // The services gathered so far are covered by this one: every service is Ready.
                _readyGathered.Clear();
                Timers.Cancel(nameof(ReadyGathered));
                Record("Normal", "RolloutFinished", c.Changed.Cause);
            }
        });
        Receive<ReadyGathered>(_ => RecordGatheredReady());
        Receive<Recorded>(_ => { });
        Receive<RecordFailed>(f => _log.Warning("Event on {Deployment} not recorded: {Reason}", _key, f.Reason));
    }

    /// <param name="startedAt">When the coordinator started: service moves reported from before then were announced by an earlier one.</param>
    /// <param name="gathering">How long services turning Ready are gathered into one Event.</param>
    public static Props Props(DeploymentKey key, IKubernetes kubernetes, TimeProvider clock, TimeSpan minBackoff, DateTimeOffset startedAt,
        TimeSpan gathering) =>
        Akka.Actor.Props.Create(() => new DeploymentEventRecorder(key, kubernetes, clock, minBackoff, startedAt, gathering));

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The object Events go on (its uid), or none (null) while the coordinator knows of no object.</summary>
    public sealed record Involve(string? Uid);

    /// <summary>One Event, as decided by the coordinator.</summary>
    public sealed record Note(string Type, string Reason, string Message);

    /// <summary>A service's report: its rollout moves become Events.</summary>
    public sealed record ServiceReported(ServiceStatusReport Report);

    /// <summary>The deployment's status moved (a persisted change).</summary>
    public sealed record StatusChanged(DeploymentStatusChanged Changed);

    /// <summary>
    /// Ready (gathered), degraded or failed, per service: only for moves made while this coordinator runs (a report
    /// replayed after a restart announces nothing new), and each move once.
    /// </summary>
    private void AnnounceService(ServiceStatusReport report)
    {
        if (report.Since < _startedAt || _announced.GetValueOrDefault(report.ServiceName) == report.Status)
            return;
        _announced[report.ServiceName] = report.Status;
        switch (report.Status)
        {
            case ServiceStatus.Ready:
                _readyGathered.Add(report.ServiceName);
                if (!Timers.IsTimerActive(nameof(ReadyGathered)))
                    Timers.StartSingleTimer(nameof(ReadyGathered), ReadyGathered.Instance, _gathering);
                break;
            case ServiceStatus.Degraded:
                Record("Warning", "ServiceDegraded", $"service {report.ServiceName}: {report.Reason}");
                break;
            case ServiceStatus.Failed:
                Record("Warning", "ServiceFailed", $"service {report.ServiceName}: {report.Reason}");
                break;
        }
    }

    private void RecordGatheredReady()
    {
        if (_readyGathered.Count == 0)
            return;
        var names = string.Join(", ", _readyGathered.Take(NamesPerEvent))
            + (_readyGathered.Count > NamesPerEvent ? $" and {_readyGathered.Count - NamesPerEvent} more" : "");
        Record("Normal", "ServicesReady", $"{_readyGathered.Count} service(s) ready: {names}");
        _readyGathered.Clear();
    }

    private sealed class ReadyGathered
    {
        public static readonly ReadyGathered Instance = new();
    }

    private void Record(string type, string reason, string message)
    {
        if (_uid is not { } uid)
            return;
        var involved = new V1ObjectReference
        {
            ApiVersion = OpenStackDeployment.ExpectedApiVersion, Kind = OpenStackDeployment.ExpectedKind,
            Name = _key.Name, NamespaceProperty = _key.Namespace, Uid = uid,
        };
        var (kubernetes, at) = (_kubernetes, _clock.GetUtcNow());
        Context.ActorOf(ApiCall.Props(Self,
            async cancellation =>
            {
                await kubernetes.RecordEventAsync(involved, type, reason, message, at, cancellation);
                return Recorded.Instance;
            },
            (failure, _) => new RecordFailed($"event {reason}: {failure}"),
            _minBackoff), $"event-{++_events}");
    }

    private sealed record Recorded
    {
        public static readonly Recorded Instance = new();
    }

    private sealed record RecordFailed(string Reason);
}
