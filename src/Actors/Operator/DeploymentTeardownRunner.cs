using Akka.Actor;
using Akka.Event;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Supervision;
using Orchestrator.Messages.Deployments;

namespace Orchestrator.Actors.Operator;

/// <summary>
/// The coordinator's child that keeps our finalizer's promise: it puts the finalizer on the object, so that a
/// deletion waits for what only we can remove, and runs the teardowns (<see cref="DeploymentTeardown"/>) of nodes
/// the spec no longer names and of the whole deployment, which removes the finalizer last. Each runs as an API call
/// retried with backoff; a teardown the API refuses for good is reported to the coordinator as
/// <see cref="TeardownFailed"/>.
/// </summary>
public sealed class DeploymentTeardownRunner : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly DeploymentKey _key;
    private readonly IKubernetes _kubernetes;
    private readonly TimeSpan _minBackoff;
    private IActorRef? _deploymentTeardown;
    private int _calls;

    public DeploymentTeardownRunner(DeploymentKey key, IKubernetes kubernetes, TimeSpan minBackoff)
    {
        _key = key;
        _kubernetes = kubernetes;
        _minBackoff = minBackoff;
        Receive<EnsureFinalizer>(e => AddFinalizer(e.Finalizers));
        Receive<TearDownNodes>(t => Run(t.Nodes, finalizers: null, t.What));
        Receive<TearDownDeployment>(t => Run(t.Nodes, t.Finalizers, "the deployment"));
        Receive<StopDeploymentTeardown>(_ => StopDeploymentTeardownUnderWay());
        Receive<Done>(done =>
        {
            _log.Info("{Deployment}: {What} torn down", _key, done.What);
            if (done.Call.Equals(_deploymentTeardown))
                _deploymentTeardown = null;
        });
        Receive<Waiting>(waiting =>
        {
            _log.Info("{Deployment}: teardown waits: {Reason}", _key, waiting.Reason);
            if (!waiting.Permanent)
                return;
            _deploymentTeardown = null;
            Context.Parent.Tell(new TeardownFailed(waiting.Reason));
        });
        Receive<FinalizerWritten>(_ => { });
        Receive<FinalizerNotWritten>(f => _log.Warning("status of {Deployment} not written: finalizer: {Reason}", _key, f.Reason));
    }

    public static Props Props(DeploymentKey key, IKubernetes kubernetes, TimeSpan minBackoff) =>
        Akka.Actor.Props.Create(() => new DeploymentTeardownRunner(key, kubernetes, minBackoff));

    /// <summary>Our finalizer on the object, if <paramref name="Finalizers"/> (what the object carries) lacks it.</summary>
    public sealed record EnsureFinalizer(IReadOnlyList<string> Finalizers);

    /// <summary>Empties nodes the spec no longer names; runs beside any other teardown.</summary>
    public sealed record TearDownNodes(IReadOnlyList<string> Nodes, string What);

    /// <summary>The object is being deleted: empties every node, then removes our finalizer from <paramref name="Finalizers"/>.</summary>
    public sealed record TearDownDeployment(IReadOnlyList<string> Nodes, IReadOnlyList<string> Finalizers);

    /// <summary>Paused: the deletion's teardown stops until it is asked for again.</summary>
    public sealed record StopDeploymentTeardown
    {
        public static readonly StopDeploymentTeardown Instance = new();
    }

    /// <summary>Told to the coordinator: the API refused a teardown for good.</summary>
    public sealed record TeardownFailed(string Reason);

    private void AddFinalizer(IReadOnlyList<string> finalizers)
    {
        if (finalizers.Contains(OpenStackDeploymentResource.Finalizer))
            return;
        var (kubernetes, key, wanted) = (_kubernetes, _key, finalizers.Append(OpenStackDeploymentResource.Finalizer).ToList());
        Context.ActorOf(ApiCall.Props(Self,
            async cancellation =>
            {
                await kubernetes.PatchMetadataAsync<OpenStackDeploymentResource>(key.Namespace, key.Name, null,
                    new Dictionary<string, string?>(), null, wanted, cancellation);
                return FinalizerWritten.Instance;
            },
            (reason, _) => new FinalizerNotWritten(reason),
            _minBackoff), $"finalizer-{++_calls}");
    }

    private void Run(IReadOnlyList<string> nodes, IReadOnlyList<string>? finalizers, string what)
    {
        var (kubernetes, key) = (_kubernetes, _key);
        IActorRef? call = null;
        call = Context.ActorOf(ApiCall.Props(Self,
            async cancellation =>
            {
                if (finalizers is null)
                    foreach (var node in nodes)
                        await DeploymentTeardown.NodeAsync(kubernetes, key, node, cancellation);
                else
                    await DeploymentTeardown.DeploymentAsync(kubernetes, key, nodes, finalizers, cancellation);
                return new Done(call!, what);
            },
            (reason, permanent) => new Waiting(reason, permanent),
            _minBackoff), $"teardown-{++_calls}");
        if (finalizers is null)
            return;
        StopDeploymentTeardownUnderWay();
        _deploymentTeardown = call;
    }

    private void StopDeploymentTeardownUnderWay()
    {
        if (_deploymentTeardown is null)
            return;
        Context.Stop(_deploymentTeardown);
        _deploymentTeardown = null;
    }

    private sealed record Done(IActorRef Call, string What);

    private sealed record Waiting(string Reason, bool Permanent);

    private sealed record FinalizerWritten
    {
        public static readonly FinalizerWritten Instance = new();
    }

    private sealed record FinalizerNotWritten(string Reason);
}
