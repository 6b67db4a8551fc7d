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
/// The coordinator's child that writes core/v1 Events on the OpenStackDeployment, for `kubectl describe osd`: the
/// ones the coordinator decides (paused, invalid spec, deleting, ...), each service's rollout moves, and the
/// deployment turning Degraded or Failed. Repeats are counted on one Event by the port. While no object is known
/// (before the first reconcile, after a removal) nothing is written.
/// </summary>
public sealed class DeploymentEventRecorder : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly DeploymentKey _key;
    private readonly IKubernetes _kubernetes;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _minBackoff;
    private readonly DateTimeOffset _startedAt;
    private readonly Dictionary<string, ServiceStatus> _announced = [];
    private string? _uid;
    private int _events;

    public DeploymentEventRecorder(DeploymentKey key, IKubernetes kubernetes, TimeProvider clock, TimeSpan minBackoff, DateTimeOffset startedAt)
    {
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
        });
        Receive<Recorded>(_ => { });
        Receive<RecordFailed>(f => _log.Warning("status of {Deployment} not written: {Reason}", _key, f.Reason));
    }

    /// <param name="startedAt">When the coordinator started: service moves reported from before then were announced by an earlier one.</param>
    public static Props Props(DeploymentKey key, IKubernetes kubernetes, TimeProvider clock, TimeSpan minBackoff, DateTimeOffset startedAt) =>
        Akka.Actor.Props.Create(() => new DeploymentEventRecorder(key, kubernetes, clock, minBackoff, startedAt));

    /// <summary>The object Events go on (its uid), or none (null) while the coordinator knows of no object.</summary>
    public sealed record Involve(string? Uid);

    /// <summary>One Event, as decided by the coordinator.</summary>
    public sealed record Note(string Type, string Reason, string Message);

    /// <summary>A service's report: its rollout moves become Events.</summary>
    public sealed record ServiceReported(ServiceStatusReport Report);

    /// <summary>The deployment's status moved (a persisted change).</summary>
    public sealed record StatusChanged(DeploymentStatusChanged Changed);

    /// <summary>
    /// Rollout started and finished, degraded or failed, per service: only for moves made while this coordinator runs
    /// (a report replayed after a restart announces nothing new), and each move once.
    /// </summary>
    private void AnnounceService(ServiceStatusReport report)
    {
        if (report.Since < _startedAt || _announced.GetValueOrDefault(report.ServiceName) == report.Status)
            return;
        _announced[report.ServiceName] = report.Status;
        switch (report.Status)
        {
            case ServiceStatus.RollingOut:
                Record("Normal", "RolloutStarted", $"service {report.ServiceName}: rollout started");
                break;
            case ServiceStatus.Ready:
                Record("Normal", "RolloutFinished", $"service {report.ServiceName}: ready");
                break;
            case ServiceStatus.Degraded:
                Record("Warning", "ServiceDegraded", $"service {report.ServiceName}: {report.Reason}");
                break;
            case ServiceStatus.Failed:
                Record("Warning", "ServiceFailed", $"service {report.ServiceName}: {report.Reason}");
                break;
        }
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
