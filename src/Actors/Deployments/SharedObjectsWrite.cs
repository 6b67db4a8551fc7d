using Akka.Actor;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Supervision;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Deployments;

/// <summary>
/// One write of a deployment's shared objects (what no single service or node owns: namespace, TLS, node agent, ...),
/// as an API call retried with backoff: every object is applied (only a difference is written), then what the spec
/// no longer names is pruned. Its owner hears <see cref="RecordSharedObjectsApplied"/> for the spec hash it wrote,
/// or <see cref="RecordSharedObjectsFailure"/> for each failed try.
/// </summary>
public static class SharedObjectsWrite
{
    public static Props Props(IActorRef owner, OpenStackDeployment deployment, string specHash, IDesiredState desiredState, IKubernetes kubernetes,
        TimeProvider clock, TimeSpan minBackoff) =>
        ApiCall.Props(owner,
            async cancellation =>
            {
                var objects = await desiredState.PrepareAsync(deployment, cancellation);
                var writes = 0;
                foreach (var desired in objects)
                    if ((await kubernetes.ApplyAsync(desired, cancellation)).Outcome != ApplyOutcome.Unchanged)
                        writes++;
                IReadOnlyList<string> pruned = desiredState.AllObjects(deployment) is { } all
                    ? await OrphanPruning.PruneAsync(kubernetes, deployment, all, cancellation)
                    : [];
                return new RecordSharedObjectsApplied(specHash, writes + pruned.Count, clock.GetUtcNow(), pruned);
            },
            (reason, permanent) => new RecordSharedObjectsFailure(reason, 0, permanent, clock.GetUtcNow()),
            minBackoff);
}
