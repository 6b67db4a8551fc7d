using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Api;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Controllers;

/// <summary>Keeps spec.replicas pods of a ReplicaSet, deleting the least useful first, and reports their counts.</summary>
public sealed class ReplicaSetController(ObjectStore store, Random random)
{
    public void Reconcile(string ns, string name)
    {
        var rs = store.Get(BuiltInResources.ReplicaSets, ns, name);
        if (rs is null || rs.IsDeleting())
            return;
        var pods = WorkloadPods.Owned(store, rs, BuiltInResources.Pods);
        var active = pods.Where(PodConditions.IsActive).ToList();
        var desired = rs["spec"]?["replicas"]?.GetValue<int>() ?? 1;
        if (active.Count < desired)
        {
            var labels = (rs["spec"]?["template"]?["metadata"]?["labels"] as JsonObject)?.ToDictionary(p => p.Key, p => (string?)p.Value ?? "") ?? [];
            for (var i = active.Count; i < desired; i++)
            {
                string podName;
                lock (random)
                    podName = name + "-" + Suffix();
                store.Create(BuiltInResources.Pods, WorkloadPods.FromTemplate(rs, podName, labels, name + "-"));
            }
        }
        else if (active.Count > desired)
        {
            var victims = active
                .OrderBy(p => p["spec"]?["nodeName"] is null ? 0 : 1)
                .ThenBy(p => (string?)p["status"]?["phase"] == "Pending" ? 0 : 1)
                .ThenBy(p => PodConditions.IsReady(p) ? 1 : 0)
                .ThenByDescending(p => (string?)p["metadata"]?["creationTimestamp"], StringComparer.Ordinal)
                .ThenByDescending(p => p.Name(), StringComparer.Ordinal)
                .Take(active.Count - desired);
            foreach (var victim in victims)
            {
                try
                {
                    store.Delete(BuiltInResources.Pods, ns, victim.Name(), new DeleteOptions());
                }
                catch (ApiException e) when (e.Code == 404)
                {
                    // Already gone.
                }
            }
        }
        active = WorkloadPods.Owned(store, rs, BuiltInResources.Pods).Where(PodConditions.IsActive).ToList();
        var status = new JsonObject { ["replicas"] = active.Count };
        WorkloadPods.SetCount(status, "fullyLabeledReplicas", active.Count);
        WorkloadPods.SetCount(status, "readyReplicas", active.Count(PodConditions.IsReady));
        WorkloadPods.SetCount(status, "availableReplicas", active.Count(WorkloadPods.IsAvailable));
        status["observedGeneration"] = rs.Generation();
        WorkloadPods.WriteStatus(store, BuiltInResources.ReplicaSets, store.Get(BuiltInResources.ReplicaSets, ns, name) ?? rs, status);
    }

    private string Suffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(5, random, (chars, r) =>
        {
            for (var i = 0; i < chars.Length; i++)
                chars[i] = alphabet[r.Next(alphabet.Length)];
        });
    }
}
