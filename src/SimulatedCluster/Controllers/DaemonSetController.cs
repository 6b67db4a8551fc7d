using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Api;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Controllers;

/// <summary>
/// DaemonSets: one pod per node that the template's nodeSelector and required node affinity select, pinned
/// by a matchFields affinity on the node name and tolerating a NotReady or cordoned node as the real
/// controller adds; pods on nodes that no longer match are deleted; a rolling update replaces at most
/// maxUnavailable pods at a time.
/// </summary>
public sealed class DaemonSetController(ObjectStore store, Random random)
{
    private const string RevisionLabel = "controller-revision-hash";

    public void Reconcile(string ns, string name)
    {
        var ds = store.Get(BuiltInResources.DaemonSets, ns, name);
        if (ds is null || ds.IsDeleting())
            return;
        var templateSpec = ds["spec"]?["template"]?["spec"] as JsonObject ?? new JsonObject();
        var hash = WorkloadPods.TemplateHash(ds);
        var nodes = store.List(BuiltInResources.Nodes, null).Items.Where(n => NodeAffinity.SelectorMatches(templateSpec, n)).Select(n => n.Name()).ToHashSet();
        var pods = WorkloadPods.Owned(store, ds, BuiltInResources.Pods);
        var byNode = pods.Where(p => !p.IsDeleting()).GroupBy(TargetNode).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var node in nodes.Where(n => !byNode.ContainsKey(n)).Order(StringComparer.Ordinal))
            Create(ds, node, hash);
        foreach (var (node, onNode) in byNode)
        {
            if (!nodes.Contains(node))
                onNode.ForEach(Delete);
            else
                onNode.Skip(1).ToList().ForEach(Delete);
        }
        if ((string?)ds["spec"]?["updateStrategy"]?["type"] != "OnDelete")
        {
            var desired = nodes.Count;
            var maxUnavailable = Math.Max(1, WorkloadPods.Resolve(ds["spec"]?["updateStrategy"]?["rollingUpdate"]?["maxUnavailable"], desired, false, 1));
            var current = pods.Where(p => nodes.Contains(TargetNode(p))).ToList();
            var unavailable = desired - current.Count(p => !p.IsDeleting() && WorkloadPods.IsAvailable(p));
            foreach (var stale in current.Where(p => !p.IsDeleting() && p.Labels().GetValueOrDefault(RevisionLabel) != hash).OrderBy(p => TargetNode(p), StringComparer.Ordinal))
            {
                var wasAvailable = WorkloadPods.IsAvailable(stale);
                if (wasAvailable && unavailable >= maxUnavailable)
                    break;
                Delete(stale);
                if (wasAvailable)
                    unavailable++;
            }
        }
        WriteStatus(ds, nodes, hash);
    }

    private void WriteStatus(JsonObject ds, HashSet<string> nodes, string hash)
    {
        var pods = WorkloadPods.Owned(store, ds, BuiltInResources.Pods).Where(p => !p.IsDeleting() && nodes.Contains(TargetNode(p))).ToList();
        var scheduled = pods.Where(p => p["spec"]?["nodeName"] is not null).ToList();
        var available = pods.Count(WorkloadPods.IsAvailable);
        var status = new JsonObject
        {
            ["currentNumberScheduled"] = scheduled.Select(TargetNode).Distinct().Count(),
            ["numberMisscheduled"] = 0,
            ["desiredNumberScheduled"] = nodes.Count,
            ["numberReady"] = pods.Count(PodConditions.IsReady),
            ["observedGeneration"] = ds.Generation(),
        };
        WorkloadPods.SetCount(status, "updatedNumberScheduled", pods.Count(p => p.Labels().GetValueOrDefault(RevisionLabel) == hash));
        WorkloadPods.SetCount(status, "numberAvailable", available);
        WorkloadPods.SetCount(status, "numberUnavailable", nodes.Count - available);
        WorkloadPods.WriteStatus(store, BuiltInResources.DaemonSets, store.Get(BuiltInResources.DaemonSets, ds.Namespace(), ds.Name()) ?? ds, status);
    }

    private void Create(JsonObject ds, string node, string hash)
    {
        string suffix;
        lock (random)
            suffix = string.Concat(Enumerable.Range(0, 5).Select(_ => "bcdfghjklmnpqrstvwxz2456789"[random.Next(27)]));
        var pod = WorkloadPods.FromTemplate(ds, ds.Name() + "-" + suffix, new Dictionary<string, string>
        {
            [RevisionLabel] = hash,
            ["pod-template-generation"] = ds.Generation().ToString(),
        }, ds.Name() + "-");
        var spec = pod["spec"]!.AsObject();
        var affinity = spec["affinity"] as JsonObject ?? (JsonObject)(spec["affinity"] = new JsonObject());
        affinity["nodeAffinity"] = new JsonObject
        {
            ["requiredDuringSchedulingIgnoredDuringExecution"] = new JsonObject
            {
                ["nodeSelectorTerms"] = new JsonArray(new JsonObject
                {
                    ["matchFields"] = new JsonArray(new JsonObject
                    {
                        ["key"] = "metadata.name", ["operator"] = "In", ["values"] = new JsonArray(node),
                    }),
                }),
            },
        };
        var tolerations = spec["tolerations"] as JsonArray ?? (JsonArray)(spec["tolerations"] = new JsonArray());
        foreach (var (key, effect) in new[]
        {
            ("node.kubernetes.io/not-ready", "NoExecute"), ("node.kubernetes.io/unreachable", "NoExecute"),
            ("node.kubernetes.io/disk-pressure", "NoSchedule"), ("node.kubernetes.io/memory-pressure", "NoSchedule"),
            ("node.kubernetes.io/pid-pressure", "NoSchedule"), ("node.kubernetes.io/unschedulable", "NoSchedule"),
        })
            tolerations.Add(new JsonObject { ["key"] = key, ["operator"] = "Exists", ["effect"] = effect });
        try
        {
            store.Create(BuiltInResources.Pods, pod);
        }
        catch (ApiException e) when (e.Code == 409)
        {
            // A name clash of the random suffix: the next reconcile makes another.
        }
    }

    private void Delete(JsonObject pod)
    {
        try
        {
            store.Delete(BuiltInResources.Pods, pod.Namespace(), pod.Name(), new DeleteOptions());
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // Already gone.
        }
    }

    /// <summary>The node a DaemonSet pod is for: where it runs, or the node its affinity pins it to.</summary>
    private static string TargetNode(JsonObject pod) =>
        (string?)pod["spec"]?["nodeName"]
        ?? (string?)pod["spec"]?["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"]?[0]?["matchFields"]?[0]?["values"]?[0]
        ?? "";
}
