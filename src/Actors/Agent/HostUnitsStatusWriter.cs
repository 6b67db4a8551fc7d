using Akka.Actor;
using Akka.Event;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Ports;
using Orchestrator.Messages.HostUnits;

namespace Orchestrator.Actors.Agent;

/// <summary>
/// Writes the node's unit reports into the status subresource of its HostUnits object, only when they differ
/// from what the object already says (a restarted agent with nothing new writes nothing), one write at a time,
/// retrying after a failure.
/// </summary>
public sealed class HostUnitsStatusWriter : ReceiveActor, IWithTimers
{
    private readonly IKubernetes _kubernetes;
    private readonly TimeProvider _time;
    private readonly TimeSpan _retryAfter;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private HostUnitsResource? _object;
    private IReadOnlyList<HostUnitStatus>? _wanted;
    private IReadOnlyList<HostUnitStatus>? _written;
    private bool _writing;

    public HostUnitsStatusWriter(IKubernetes kubernetes, TimeProvider time, TimeSpan retryAfter)
    {
        _kubernetes = kubernetes;
        _time = time;
        _retryAfter = retryAfter;
        Receive<HostUnitsResource>(observed =>
        {
            _object = observed;
            _written = observed.Status?.Units;
            WriteIfChanged();
        });
        Receive<HostStatusChanged>(changed =>
        {
            _wanted = changed.Units;
            WriteIfChanged();
        });
        Receive<StatusWritten>(written =>
        {
            _writing = false;
            if (written.Error is null)
                _written = written.Units;
            else
            {
                _log.Warning("Writing the HostUnits status failed, retrying: {Error}", written.Error);
                Timers.StartSingleTimer("retry", RetryWrite.Instance, _retryAfter);
                return;
            }
            WriteIfChanged();
        });
        Receive<RetryWrite>(_ => WriteIfChanged());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IKubernetes kubernetes, TimeProvider time, TimeSpan retryAfter) =>
        Akka.Actor.Props.Create(() => new HostUnitsStatusWriter(kubernetes, time, retryAfter));

    private void WriteIfChanged()
    {
        if (_writing || _object is null || _wanted is null || (_written is not null && _written.SequenceEqual(_wanted)))
            return;
        _writing = true;
        var units = _wanted;
        var update = new HostUnitsResource
        {
            Metadata = _object.Metadata,
            Spec = _object.Spec,
            Status = new HostUnitsStatus(units, _time.GetUtcNow()),
        };
        _kubernetes.UpdateStatusAsync(update, CancellationToken.None).ContinueWith(
            task => new StatusWritten(units, task.IsFaulted ? task.Exception!.GetBaseException().Message : null),
            TaskScheduler.Default).PipeTo(Self);
    }

    private sealed record StatusWritten(IReadOnlyList<HostUnitStatus> Units, string? Error);

    private sealed record RetryWrite
    {
        public static readonly RetryWrite Instance = new();
    }
}
