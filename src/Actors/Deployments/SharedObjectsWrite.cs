using Akka.Actor;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Supervision;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Deployments;

/// <summary>
/// One write of a deployment's shared objects (what no single service or node owns: namespace, TLS, node agent, ...),
/// as an API call retried with backoff: every object is applied (only a difference is written), then what the spec
/// no longer names is pruned. Its owner hears <see cref="SharedObjectsWritten"/> for the spec hash it wrote, with the
/// rendering every part is then cut from, or <see cref="RecordSharedObjectsFailure"/> for each failed try.
/// </summary>
public static class SharedObjectsWrite
{
    public static Props Props(IActorRef owner, OpenStackDeployment deployment, string specHash, IDesiredState desiredState, IKubernetes kubernetes,
        TimeProvider clock, TimeSpan minBackoff) =>
        ApiCall.Props(owner,
            async cancellation =>
            {
                var desired = await desiredState.RenderAsync(deployment, cancellation);
                var writes = 0;
                foreach (var shared in desired.SharedObjects)
                    if ((await kubernetes.ApplyAsync(shared, cancellation)).Outcome != ApplyOutcome.Unchanged)
                        writes++;
                var pruned = await OrphanPruning.PruneAsync(kubernetes, deployment, desired.AllObjects, cancellation);
                return new SharedObjectsWritten(new RecordSharedObjectsApplied(specHash, writes + pruned.Count, clock.GetUtcNow(), pruned), desired);
            },
            (reason, permanent) => new RecordSharedObjectsFailure(reason, 0, permanent, clock.GetUtcNow()),
            minBackoff);
}

/// <summary>The shared objects are written; the rendering they came from is what every part is cut from (a local message).</summary>
internal sealed record SharedObjectsWritten(RecordSharedObjectsApplied Applied, DesiredDeployment Desired);
