using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Api;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Controllers;

/// <summary>
/// StatefulSets: pods `name-0..n-1`, made one at a time once the one before is Ready (OrderedReady) or all
/// at once (Parallel); scaled down from the highest ordinal; updated in reverse ordinal order down to the
/// partition; currentRevision/updateRevision and a ControllerRevision per template, as the real controller keeps them.
/// </summary>
public sealed class StatefulSetController(ObjectStore store)
{
    private const string RevisionLabel = "controller-revision-hash";

    public void Reconcile(string ns, string name)
    {
        var sts = store.Get(BuiltInResources.StatefulSets, ns, name);
        if (sts is null || sts.IsDeleting())
            return;
        var spec = sts["spec"]!.AsObject();
        var desired = spec["replicas"]?.GetValue<int>() ?? 1;
        var parallel = (string?)spec["podManagementPolicy"] == "Parallel";
        var updateRevision = name + "-" + WorkloadPods.TemplateHash(sts);
        EnsureRevision(sts, updateRevision);
        var pods = WorkloadPods.Owned(store, sts, BuiltInResources.Pods).ToDictionary(p => p.Name());
        JsonObject? PodAt(int i) => pods.GetValueOrDefault($"{name}-{i}");

        var blocked = false;
        for (var i = 0; i < desired && !blocked; i++)
        {
            var pod = PodAt(i);
            if (pod is null)
            {
                Create(sts, i, updateRevision);
                blocked = !parallel;
            }
            else if (!parallel && (pod.IsDeleting() || !PodConditions.IsReady(pod)))
                blocked = true;
        }
        var extra = pods.Values.Where(p => Ordinal(p, name) >= desired).OrderByDescending(p => Ordinal(p, name)).ToList();
        if (!blocked && extra.Count > 0)
        {
            foreach (var pod in parallel ? extra : extra.Take(1))
                if (!pod.IsDeleting())
                    Delete(pod);
            blocked = true;
        }
        var updateStrategy = spec["updateStrategy"];
        if (!blocked && (string?)updateStrategy?["type"] != "OnDelete")
        {
            var partition = updateStrategy?["rollingUpdate"]?["partition"]?.GetValue<int>() ?? 0;
            var allReady = Enumerable.Range(0, desired).All(i => PodAt(i) is { } p && !p.IsDeleting() && PodConditions.IsReady(p));
            var stale = Enumerable.Range(partition, Math.Max(0, desired - partition)).Reverse()
                .Select(PodAt).OfType<JsonObject>().FirstOrDefault(p => p.Labels().GetValueOrDefault(RevisionLabel) != updateRevision);
            if (allReady && stale is not null)
                Delete(stale);
        }
        WriteStatus(sts, desired, updateRevision);
    }

    private void WriteStatus(JsonObject sts, int desired, string updateRevision)
    {
        var pods = WorkloadPods.Owned(store, sts, BuiltInResources.Pods).Where(p => !p.IsDeleting()).ToList();
        var previous = sts["status"];
        var currentRevision = (string?)previous?["currentRevision"] ?? updateRevision;
        var updated = pods.Count(p => p.Labels().GetValueOrDefault(RevisionLabel) == updateRevision);
        var ready = pods.Count(PodConditions.IsReady);
        if (updated == desired && ready == desired && pods.Count == desired)
            currentRevision = updateRevision;
        var status = new JsonObject
        {
            ["observedGeneration"] = sts.Generation(),
            ["replicas"] = pods.Count,
        };
        WorkloadPods.SetCount(status, "readyReplicas", ready);
        WorkloadPods.SetCount(status, "currentReplicas", pods.Count(p => p.Labels().GetValueOrDefault(RevisionLabel) == currentRevision));
        WorkloadPods.SetCount(status, "updatedReplicas", updated);
        status["currentRevision"] = currentRevision;
        status["updateRevision"] = updateRevision;
        status["collisionCount"] = 0;
        status["availableReplicas"] = pods.Count(WorkloadPods.IsAvailable);
        WorkloadPods.WriteStatus(store, BuiltInResources.StatefulSets, store.Get(BuiltInResources.StatefulSets, sts.Namespace(), sts.Name()) ?? sts, status);
    }

    private void Create(JsonObject sts, int ordinal, string revision)
    {
        var name = $"{sts.Name()}-{ordinal}";
        var pod = WorkloadPods.FromTemplate(sts, name, new Dictionary<string, string>
        {
            [RevisionLabel] = revision,
            ["statefulset.kubernetes.io/pod-name"] = name,
            ["apps.kubernetes.io/pod-index"] = ordinal.ToString(),
        });
        var podSpec = pod["spec"]!.AsObject();
        podSpec["hostname"] = name;
        if ((string?)sts["spec"]?["serviceName"] is { Length: > 0 } service)
            podSpec["subdomain"] = service;
        try
        {
            store.Create(BuiltInResources.Pods, pod);
        }
        catch (ApiException e) when (e.Code == 409)
        {
            // The previous pod of this ordinal is still terminating; it is made once that one is gone.
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

    private void EnsureRevision(JsonObject sts, string revision)
    {
        if (store.Get(BuiltInResources.ControllerRevisions, sts.Namespace(), revision) is not null)
            return;
        var number = store.Dependents(sts.Uid()).Count(d => d.Type == BuiltInResources.ControllerRevisions) + 1;
        store.Create(BuiltInResources.ControllerRevisions, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = revision,
                ["namespace"] = sts.Namespace(),
                ["labels"] = new JsonObject { [RevisionLabel] = revision },
                ["ownerReferences"] = new JsonArray(ObjectMetadata.OwnerReferenceTo(sts)),
            },
            ["data"] = new JsonObject { ["spec"] = new JsonObject { ["template"] = sts["spec"]?["template"]?.DeepClone() } },
            ["revision"] = number,
        });
    }

    private static int Ordinal(JsonObject pod, string setName) =>
        int.TryParse(pod.Name().AsSpan(setName.Length + 1), out var i) ? i : -1;
}
