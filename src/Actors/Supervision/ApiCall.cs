using Akka.Actor;
using Akka.Pattern;

namespace Orchestrator.Actors.Supervision;

/// <summary>
/// A child that performs one idempotent piece of API work and tells its owner the outcome. A transient failure
/// is thrown, so the backoff supervisor around it (see <see cref="Props"/>) runs it again after an exponentially
/// growing pause; the owner hears of every failure and decides when its service or node counts as Degraded.
/// </summary>
public sealed class ApiCall : ReceiveActor
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly IActorRef _owner;
    private readonly Func<CancellationToken, Task<object>> _work;
    private readonly Func<string, bool, object> _failure;

    public ApiCall(IActorRef owner, Func<CancellationToken, Task<object>> work, Func<string, bool, object> failure)
    {
        _owner = owner;
        _work = work;
        _failure = failure;
        Receive<Succeeded>(s =>
        {
            _owner.Tell(s.Result);
            Context.Stop(Self);
        });
        Receive<Status.Failure>(f =>
        {
            var permanent = ApiFailure.IsPermanent(f.Cause);
            var reason = ApiFailure.Describe(f.Cause);
            _owner.Tell(_failure(reason, permanent));
            if (permanent)
                Context.Stop(Self);
            else
            {
                Telemetry.OrchestratorMetrics.SupervisorRestarts.Inc();
                throw new ApiCallFailedException(reason, f.Cause);
            }
        });
    }

    /// <summary>
    /// The call wrapped in a backoff supervisor: restarted from <paramref name="minBackoff"/> doubling up to
    /// 30 seconds, without a limit, because the desired state must eventually be written.
    /// </summary>
    public static Props Props(IActorRef owner, Func<CancellationToken, Task<object>> work, Func<string, bool, object> failure, TimeSpan minBackoff) =>
        BackoffSupervisor.Props(Backoff.OnFailure(
                Akka.Actor.Props.Create(() => new ApiCall(owner, work, failure)), "call", minBackoff, TimeSpan.FromSeconds(30), 0.2, -1));

    protected override void PreStart() =>
        _work(_cancellation.Token).PipeTo(Self, success: result => new Succeeded(result));

    protected override void PostStop()
    {
        _cancellation.Cancel();
        _cancellation.Dispose();
    }

    private sealed record Succeeded(object Result);
}

public sealed class ApiCallFailedException(string reason, Exception inner) : Exception(reason, inner);
