using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Controllers;

/// <summary>
/// The default scheduler, simplified: a pending pod goes to the fitting node with the fewest pods (ties by
/// name); when nothing fits it stays Pending with PodScheduled=False, reason Unschedulable, as the real one reports.
/// </summary>
public sealed class Scheduler(ObjectStore store, EventRecorder events)
{
    private readonly Dictionary<(string Ns, string Name), string> _placement = [];
    private readonly Dictionary<string, int> _podsPerNode = new(StringComparer.Ordinal);
    private readonly HashSet<(string Ns, string Name)> _unscheduled = [];
    private readonly Lock _gate = new();

    /// <summary>Follows pod changes (under the store's lock) to know each node's load without listing pods.</summary>
    public void Track(StoreEvent e)
    {
        var key = (e.Object.Namespace(), e.Object.Name());
        var node = e.Type == StoreEvent.Deleted ? null : (string?)e.Object["spec"]?["nodeName"];
        lock (_gate)
        {
            if (_placement.TryGetValue(key, out var old) && old != node)
            {
                _podsPerNode[old]--;
                _placement.Remove(key);
            }
            if (node is not null && !_placement.ContainsKey(key))
            {
                _placement[key] = node;
                _podsPerNode[node] = _podsPerNode.GetValueOrDefault(node) + 1;
            }
            if (node is null && e.Type != StoreEvent.Deleted && !e.Object.IsDeleting())
                _unscheduled.Add(key);
            else
                _unscheduled.Remove(key);
        }
    }

    public void ScheduleAllPending()
    {
        List<(string Ns, string Name)> pending;
        lock (_gate)
            pending = [.. _unscheduled];
        foreach (var (ns, name) in pending.OrderBy(p => p.Ns, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal))
            Schedule(ns, name);
    }

    public void Schedule(string ns, string name)
    {
        var pod = store.Get(BuiltInResources.Pods, ns, name);
        if (pod is null || pod.IsDeleting() || pod["spec"]?["nodeName"] is not null)
            return;
        var spec = pod["spec"]!.AsObject();
        var nodes = store.List(BuiltInResources.Nodes, null).Items;
        var fitting = nodes.Where(n => NodeAffinity.Matches(spec, n)).ToList();
        if (fitting.Count == 0)
        {
            MarkUnschedulable(ns, name, nodes, spec);
            return;
        }
        JsonObject chosen;
        lock (_gate)
            chosen = fitting.OrderBy(n => _podsPerNode.GetValueOrDefault(n.Name())).ThenBy(n => n.Name(), StringComparer.Ordinal).First();
        store.Mutate(BuiltInResources.Pods, ns, name, p =>
        {
            p["spec"]!["nodeName"] = chosen.Name();
            return p;
        });
        store.Mutate(BuiltInResources.Pods, ns, name, p =>
        {
            PodConditions.Set(p, "PodScheduled", true, null, null);
            return p;
        }, "status");
    }

    private void MarkUnschedulable(string ns, string name, IReadOnlyList<JsonObject> nodes, JsonObject spec)
    {
        var notReady = nodes.Count(n => !NodeConditions.IsReady(n));
        var cordoned = nodes.Count(n => NodeConditions.IsReady(n) && n["spec"]?["unschedulable"]?.GetValue<bool>() == true);
        var mismatched = nodes.Count(n => NodeConditions.IsReady(n) && n["spec"]?["unschedulable"]?.GetValue<bool>() != true && !NodeAffinity.SelectorMatches(spec, n));
        var reasons = new List<string>();
        if (mismatched > 0) reasons.Add($"{mismatched} node(s) didn't match Pod's node affinity/selector");
        if (notReady > 0) reasons.Add($"{notReady} node(s) had untolerated taint {{node.kubernetes.io/not-ready: }}");
        if (cordoned > 0) reasons.Add($"{cordoned} node(s) were unschedulable");
        var message = $"0/{nodes.Count} nodes are available: {string.Join(", ", reasons)}. preemption: 0/{nodes.Count} nodes are available: {nodes.Count} Preemption is not helpful for scheduling.";
        var before = store.Get(BuiltInResources.Pods, ns, name);
        var said = before?["status"]?["conditions"]?.AsArray().FirstOrDefault(c => (string?)c?["type"] == "PodScheduled")?["message"];
        var marked = store.Mutate(BuiltInResources.Pods, ns, name, p =>
        {
            PodConditions.Set(p, "PodScheduled", false, "Unschedulable", message);
            return p;
        }, "status");
        // One event per new reason, not one per retry: the real scheduler backs off between its attempts.
        if (marked is not null && (string?)said != message)
            events.Warning(BuiltInResources.Pods, marked, "FailedScheduling", message);
    }
}
