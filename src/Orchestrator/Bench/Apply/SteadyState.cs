using Orchestrator.Bench.Processes;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Bench.Apply;

/// <summary>
/// `orchestrator run` on a converged deployment's journal and server: once it has taken the deployment over (it watches
/// the OpenStackDeployment, its observer has listed the deployment's pods, which it does once the shared objects are
/// written and the parts handed out, and then five seconds passed without a write while the status said Ready), what it
/// reads and writes in a window of steady state, counted on the server.
/// </summary>
public static class SteadyState
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan TakeOverBound = TimeSpan.FromMinutes(3);

    public sealed record Result(long Writes, string WritesWhat, long Requests, string RequestsWhat, TimeSpan Settle, long WritesWhileTakingOver);

    public static async Task<Result> WritesAsync(InProcessCluster server, string journal, OpenStackDeployment deployment, TimeSpan window,
        CancellationToken cancellationToken)
    {
        var counters = server.Cluster.Counters;
        var startWrites = counters.Writes();
        // The deployment is Ready already (the applies left it so): the quiet period counts only once `run` watches it.
        var watching = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var observing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnArrived(SimulatedCluster.Api.RequestArrival request)
        {
            if (request.Resource == "openstackdeployments" && request.Verb == "watch")
                watching.TrySetResult();
            // The deployment's observer lists its pods when it starts: the take-over's reads are then under way, not ahead.
            if (request.Resource == "pods" && request.Verb == "list" && request.Namespace == deployment.Metadata.Namespace)
                observing.TrySetResult();
        }
        counters.Arrived += OnArrived;
        await using var operatorProcess = OrchestratorExecutable.Start("run", "--kubeconfig", server.Kubeconfig, "--journal", "sqlite:" + journal,
            "--http", "off", "--namespace", deployment.Metadata.Namespace);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            if (await Task.WhenAny(watching.Task, Task.Delay(TakeOverBound, cancellationToken)) != watching.Task)
                throw new TimeoutException($"`orchestrator run` opened no watch of OpenStackDeployments within {TakeOverBound.TotalMinutes:0} minutes: "
                    + operatorProcess.Output[^Math.Min(600, operatorProcess.Output.Length)..]);
            if (await Task.WhenAny(observing.Task, Task.Delay(TakeOverBound, cancellationToken)) != observing.Task)
                throw new TimeoutException($"`orchestrator run` did not start observing the deployment (no list of its pods) within "
                    + $"{TakeOverBound.TotalMinutes:0} minutes: {operatorProcess.Output[^Math.Min(600, operatorProcess.Output.Length)..]}");
        }
        finally
        {
            counters.Arrived -= OnArrived;
        }
        var lastWrites = counters.Writes();
        var quietSince = clock.Elapsed;
        while (true)
        {
            await Task.Delay(250, cancellationToken);
            var now = counters.Writes();
            if (now != lastWrites)
            {
                lastWrites = now;
                quietSince = clock.Elapsed;
            }
            if (clock.Elapsed - quietSince >= Quiet && server.DeploymentReady(deployment.Metadata.Namespace, deployment.Metadata.Name))
                break;
            if (clock.Elapsed > TakeOverBound)
                throw new TimeoutException($"`orchestrator run` did not settle (Ready, {Quiet.TotalSeconds:0}s without a write) within "
                    + $"{TakeOverBound.TotalMinutes:0} minutes: {operatorProcess.Output[^Math.Min(600, operatorProcess.Output.Length)..]}");
        }
        var settle = clock.Elapsed;
        var before = counters.Snapshot();
        await Task.Delay(window, cancellationToken);
        var after = counters.Snapshot();
        var delta = after.Select(p => (p.Key.Verb, p.Key.Resource, Count: p.Value - before.GetValueOrDefault(p.Key)))
            .Where(d => d.Count > 0).OrderBy(d => d.Verb, StringComparer.Ordinal).ThenBy(d => d.Resource, StringComparer.Ordinal).ToList();
        var writes = delta.Where(d => IsWrite(d.Verb)).ToList();
        return new Result(writes.Sum(d => d.Count), Describe(writes), delta.Sum(d => d.Count), Describe(delta), settle, lastWrites - startWrites);
    }

    private static bool IsWrite(string verb) => verb is "create" or "update" or "patch" or "delete" or "deletecollection";

    private static string Describe(IEnumerable<(string Verb, string Resource, long Count)> counts) =>
        string.Join(", ", counts.Select(c => $"{c.Count} {c.Verb} {c.Resource}")) is { Length: > 0 } text ? text : "none";
}
