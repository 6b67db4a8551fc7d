using System.Diagnostics;
using System.Text.Json.Nodes;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Bench.Processes;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.Bench.Converge;

/// <summary>
/// What the server itself took for each service's workload during one converge, read from its store as it changes: from
/// the moment the orchestrator wrote the workload's latest generation (a Deployment or StatefulSet labelled with the
/// service) until the server's controllers and kubelets had every replica of that generation ready. Everything between
/// those spans on a dependency chain is the orchestrator's (deciding, writing the other objects, noticing Ready).
/// </summary>
public sealed class WorkloadTimes : IDisposable
{
    private readonly SimulatedCluster.SimulatedCluster _server;
    private readonly string _namespace;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, Span> _spans = new(StringComparer.Ordinal);

    private sealed record Span(long Generation, double Written, double? Ready);

    public WorkloadTimes(SimulatedCluster.SimulatedCluster server, string @namespace)
    {
        _server = server;
        _namespace = @namespace;
        server.Store.Changed += OnChanged;
    }

    /// <summary>Each service's seconds from its workload's last write to all its replicas ready (services whose workload got there).</summary>
    public IReadOnlyDictionary<string, double> Seconds()
    {
        lock (_spans)
            return _spans.Where(s => s.Value.Ready is not null).ToDictionary(s => s.Key, s => s.Value.Ready!.Value - s.Value.Written, StringComparer.Ordinal);
    }

    // Called under the store's lock: reads the changed object only, and keeps two numbers.
    private void OnChanged(StoreEvent change)
    {
        if (change.Type == StoreEvent.Deleted || change.Resource.Group != "apps" || change.Resource.Plural is not ("deployments" or "statefulsets"))
            return;
        var metadata = change.Object["metadata"];
        if ((string?)metadata?["namespace"] != _namespace || (string?)metadata?["labels"]?[WellKnown.ServiceLabel] is not { } service)
            return;
        var generation = InProcessCluster.NumberOf(metadata?["generation"]);
        var now = _clock.Elapsed.TotalSeconds;
        lock (_spans)
        {
            if (!_spans.TryGetValue(service, out var span) || span.Generation < generation)
                _spans[service] = span = new Span(generation, now, null);
            if (span.Ready is null && AllReplicasReady(change.Object, generation))
                _spans[service] = span with { Ready = now };
        }
    }

    private static bool AllReplicasReady(JsonObject workload, long generation)
    {
        var wanted = workload["spec"]?["replicas"] is { } replicas ? InProcessCluster.NumberOf(replicas) : 1;
        return workload["status"] is JsonObject status
            && InProcessCluster.NumberOf(status["observedGeneration"]) >= generation
            && InProcessCluster.NumberOf(status["readyReplicas"]) >= wanted
            && InProcessCluster.NumberOf(status["updatedReplicas"]) >= wanted;
    }

    /// <summary>
    /// The longest chain of `dependsOn` when each service weighs what the server took for it (<paramref name="seconds"/>),
    /// or <paramref name="otherwise"/> for a service without a measured workload (a host service: its units run on hosts).
    /// </summary>
    public static double CriticalPath(IReadOnlyDictionary<string, IReadOnlyList<string>> dependsOn, IReadOnlyDictionary<string, double> seconds, double otherwise) =>
        DependencyLevels.Chains(dependsOn, service => seconds.GetValueOrDefault(service, otherwise)).Values.DefaultIfEmpty(0).Max();

    public void Dispose() => _server.Store.Changed -= OnChanged;
}
