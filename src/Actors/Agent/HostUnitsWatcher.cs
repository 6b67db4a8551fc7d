using Akka.Actor;
using Akka.Event;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Ports;

namespace Orchestrator.Actors.Agent;

/// <summary>
/// Streams the watch of HostUnits objects into the agent: the one named after this node goes to the
/// HostSupervisor (its spec) and to the status writer (the object). Level-triggered: the adapter lists first
/// and resumes after a dropped connection; a stream that ends anyway is started again.
/// </summary>
public sealed class HostUnitsWatcher : ReceiveActor
{
    private readonly CancellationTokenSource _stop = new();

    public HostUnitsWatcher(string node, IKubernetes kubernetes, IActorRef hostSupervisor, IActorRef statusWriter, TimeSpan restartAfter)
    {
        var log = Context.GetLogger();
        var self = Self;
        Receive<StartWatch>(_ => Watch(node, kubernetes, hostSupervisor, statusWriter).ContinueWith(
            task => task.IsFaulted ? task.Exception!.GetBaseException().Message : "stream ended", TaskScheduler.Default).PipeTo(self));
        Receive<string>(reason =>
        {
            if (_stop.IsCancellationRequested)
                return;
            log.Warning("HostUnits watch stopped ({Reason}); starting it again", reason);
            Context.System.Scheduler.ScheduleTellOnce(restartAfter, self, StartWatch.Instance, self);
        });
    }

    public static Props Props(string node, IKubernetes kubernetes, IActorRef hostSupervisor, IActorRef statusWriter, TimeSpan restartAfter) =>
        Akka.Actor.Props.Create(() => new HostUnitsWatcher(node, kubernetes, hostSupervisor, statusWriter, restartAfter));

    protected override void PreStart() => Self.Tell(StartWatch.Instance);

    protected override void PostStop()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task Watch(string node, IKubernetes kubernetes, IActorRef hostSupervisor, IActorRef statusWriter)
    {
        // Only this node's object, selected by the server: an agent never receives (or needs the right to see) the others.
        await foreach (var change in kubernetes.WatchAsync<HostUnitsResource>(null, null, _stop.Token, $"metadata.name={node}"))
        {
            if (change.Object.Metadata?.Name != node)
                continue;
            if (change.Type == ChangeType.Deleted)
            {
                hostSupervisor.Tell(new DesiredUnitsObserved(null));
                continue;
            }
            hostSupervisor.Tell(new DesiredUnitsObserved(change.Object.Spec));
            statusWriter.Tell(change.Object);
        }
    }

    private sealed record StartWatch
    {
        public static readonly StartWatch Instance = new();
    }
}
