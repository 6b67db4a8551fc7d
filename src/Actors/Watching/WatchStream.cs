using Akka.Actor;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Supervision;
using k8s;
using IKubernetes = Orchestrator.Actors.Ports.IKubernetes;
using k8s.Models;

namespace Orchestrator.Actors.Watching;

/// <summary>
/// Streams one watch (<see cref="IKubernetes.WatchAsync{T}"/>) into a target actor as <see cref="ObservedChange{T}"/>
/// messages. The port already resumes and relists; when the stream still ends or fails, this actor throws, and the
/// backoff supervisor around it (see <see cref="Props"/>) starts a fresh watch after a growing pause.
/// </summary>
public sealed class WatchStream<T> : ReceiveActor where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly IKubernetes _kubernetes;
    private readonly string? _namespace;
    private readonly string? _labelSelector;
    private readonly IActorRef _target;

    public WatchStream(IKubernetes kubernetes, string? @namespace, string? labelSelector, IActorRef target)
    {
        _kubernetes = kubernetes;
        _namespace = @namespace;
        _labelSelector = labelSelector;
        _target = target;
        // Either way the backoff supervisor starts the watch again: that is the restart counted.
        Receive<Status.Failure>(f => throw Restarting(new WatchEndedException($"watch of {typeof(T).Name} failed: {ApiFailure.Describe(f.Cause)}", f.Cause)));
        Receive<Status.Success>(_ => throw Restarting(new WatchEndedException($"watch of {typeof(T).Name} ended", null)));
    }

    public static Props Props(IKubernetes kubernetes, string? @namespace, string? labelSelector, IActorRef target, TimeSpan minBackoff) =>
        Akka.Pattern.BackoffSupervisor.Props(Akka.Pattern.Backoff.OnFailure(
            Akka.Actor.Props.Create(() => new WatchStream<T>(kubernetes, @namespace, labelSelector, target)),
            "watch", minBackoff, TimeSpan.FromSeconds(30), 0.2, -1));

    private static WatchEndedException Restarting(WatchEndedException ended)
    {
        Telemetry.OrchestratorMetrics.WatchRestarts.WithLabels(typeof(T).Name).Inc();
        return ended;
    }

    protected override void PreStart()
    {
        var (kubernetes, ns, selector, target, token) = (_kubernetes, _namespace, _labelSelector, _target, _cancellation.Token);
        Task.Run(async () =>
        {
            await foreach (var change in kubernetes.WatchAsync<T>(ns, selector, token))
                target.Tell(change);
            return Status.Success.Instance;
        }, token).PipeTo(Self, success: s => s);
    }

    protected override void PostStop()
    {
        _cancellation.Cancel();
        _cancellation.Dispose();
    }
}

public sealed class WatchEndedException(string message, Exception? inner) : Exception(message, inner);
