using System.Diagnostics;
using Akka.Actor;
using k8s;
using k8s.Models;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Supervision;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Spec;
using IKubernetes = Orchestrator.Actors.Ports.IKubernetes;

namespace Orchestrator.Actors.Deployments;

/// <summary>
/// One write of a deployment's shared objects (what no single service or node owns: namespace, TLS, node agent, ...),
/// as an API call retried with backoff: every object is applied (only a difference is written), then what the spec
/// no longer names is pruned. Its owner hears <see cref="SharedObjectsWritten"/> for the spec hash it wrote, with the
/// rendering every part is then cut from, or <see cref="RecordSharedObjectsFailure"/> for each failed try.
/// </summary>
/// <remarks>
/// The first dependency level waits for this write, so it is not done one object after the other: the cluster-scoped
/// objects the others need (the CustomResourceDefinition, the namespace) go first, together; then every other object
/// is written concurrently (at most <see cref="Parallelism"/> requests at once), and the pruning's reads run beside
/// those writes (it deletes only what the rendering does not name, so it never races an object written here).
/// </remarks>
public static class SharedObjectsWrite
{
    /// <summary>Requests in flight at once: enough to hide the round trips, few enough not to flood an API server.</summary>
    public const int Parallelism = 8;

    /// <param name="legacyAgent">Whether the pruning also looks for the agent shared by every node of an older orchestrator.</param>
    /// <param name="previous">The rendering the last write used, which the renderer may return again (see <see cref="IDesiredState"/>).</param>
    public static Props Props(IActorRef owner, OpenStackDeployment deployment, string specHash, bool legacyAgent, DesiredDeployment? previous,
        IDesiredState desiredState, IKubernetes kubernetes, TimeProvider clock, TimeSpan minBackoff) =>
        ApiCall.Props(owner,
            async cancellation =>
            {
                var stopwatch = Stopwatch.StartNew();
                var desired = await desiredState.RenderAsync(deployment, previous, cancellation);
                var rendered = stopwatch.Elapsed;
                var (first, rest) = Split(desired.SharedObjects);
                var writes = await ApplyAllAsync(kubernetes, first, cancellation);
                var prerequisites = stopwatch.Elapsed;
                var pruning = OrphanPruning.PruneAsync(kubernetes, deployment, desired.AllObjects, legacyAgent, cancellation);
                writes += await ApplyAllAsync(kubernetes, rest, cancellation);
                var written = stopwatch.Elapsed;
                var pruned = await pruning;
                var stages = new SharedWriteStages(rendered, prerequisites - rendered, written - prerequisites, stopwatch.Elapsed - written);
                return new SharedObjectsWritten(new RecordSharedObjectsApplied(specHash, writes + pruned.Count, clock.GetUtcNow(), pruned), desired, stages);
            },
            (reason, permanent) => new RecordSharedObjectsFailure(reason, 0, permanent, clock.GetUtcNow()),
            minBackoff);

    /// <summary>What other objects need to exist first (definitions and namespaces), and the rest.</summary>
    private static (IReadOnlyList<IKubernetesObject<V1ObjectMeta>> First, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Others) Split(
        IReadOnlyList<IKubernetesObject<V1ObjectMeta>> shared)
    {
        static bool IsPrerequisite(IKubernetesObject<V1ObjectMeta> o) => o.Kind is "CustomResourceDefinition" or V1Namespace.KubeKind;
        return (shared.Where(IsPrerequisite).ToList(), shared.Where(o => !IsPrerequisite(o)).ToList());
    }

    /// <summary>Applies the objects concurrently; the count of those that were written (created or changed).</summary>
    private static async Task<int> ApplyAllAsync(IKubernetes kubernetes, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects,
        CancellationToken cancellation)
    {
        var writes = 0;
        await Parallel.ForEachAsync(objects, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellation },
            async (shared, token) =>
            {
                if ((await kubernetes.ApplyAsync(shared, token)).Outcome != ApplyOutcome.Unchanged)
                    Interlocked.Increment(ref writes);
            });
        return writes;
    }
}

/// <summary>The shared objects are written; the rendering they came from is what every part is cut from (a local message).</summary>
internal sealed record SharedObjectsWritten(RecordSharedObjectsApplied Applied, DesiredDeployment Desired, SharedWriteStages Stages);

/// <summary>A stopwatch of one shared write: rendering (with its reads), the definitions and namespace, the other objects, what pruning took beyond them.</summary>
internal sealed record SharedWriteStages(TimeSpan Render, TimeSpan Prerequisites, TimeSpan Objects, TimeSpan PruneAfter)
{
    public override string ToString() =>
        $"render {Render.TotalMilliseconds:0} ms, definitions and namespace {Prerequisites.TotalMilliseconds:0} ms, "
        + $"other objects {Objects.TotalMilliseconds:0} ms, pruning beyond them {PruneAfter.TotalMilliseconds:0} ms";
}
