using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Controllers;

/// <summary>
/// Deployments: one ReplicaSet per pod template (pod-template-hash, revision annotation), a rolling update
/// bounded by maxSurge and maxUnavailable (or Recreate), old ReplicaSets pruned past revisionHistoryLimit,
/// and the status fields and conditions that `kubectl rollout status` reads.
/// </summary>
public sealed class DeploymentController(ObjectStore store, TimeProvider clock)
{
    private const string HashLabel = "pod-template-hash";
    private const string RevisionAnnotation = "deployment.kubernetes.io/revision";

    public void Reconcile(string ns, string name)
    {
        var deployment = store.Get(BuiltInResources.Deployments, ns, name);
        if (deployment is null || deployment.IsDeleting())
            return;
        var spec = deployment["spec"]!.AsObject();
        var desired = spec["replicas"]?.GetValue<int>() ?? 1;
        var hash = WorkloadPods.TemplateHash(deployment);
        var all = WorkloadPods.Owned(store, deployment, BuiltInResources.ReplicaSets).Where(r => !r.IsDeleting()).ToList();
        var newRs = all.FirstOrDefault(r => r.Labels().GetValueOrDefault(HashLabel) == hash);
        var old = all.Where(r => r != newRs).OrderBy(Revision).ToList();
        var maxRevision = all.Count == 0 ? 0 : all.Max(Revision);
        var created = false;
        if (newRs is null)
        {
            newRs = store.Create(BuiltInResources.ReplicaSets, NewReplicaSet(deployment, hash, maxRevision + 1));
            created = true;
        }
        else if (Revision(newRs) < maxRevision)
            newRs = Annotate(newRs, maxRevision + 1) ?? newRs;

        var revision = Revision(newRs).ToString();
        if (deployment.Annotations().GetValueOrDefault(RevisionAnnotation) != revision)
            store.Mutate(BuiltInResources.Deployments, ns, name, d =>
            {
                var annotations = d.Meta()["annotations"] as JsonObject ?? (JsonObject)(d.Meta()["annotations"] = new JsonObject());
                annotations[RevisionAnnotation] = revision;
                return d;
            });
        if (spec["paused"]?.GetValue<bool>() != true)
        {
            if ((string?)spec["strategy"]?["type"] == "Recreate")
                Recreate(desired, newRs, old);
            else
                RollingUpdate(spec, desired, newRs, old);
            PruneHistory(spec, old);
        }
        WriteStatus(deployment, desired, Fresh(newRs), old.Select(Fresh).OfType<JsonObject>().ToList(), created);
    }

    private void Recreate(int desired, JsonObject newRs, IReadOnlyList<JsonObject> old)
    {
        foreach (var rs in old.Where(r => Replicas(r) > 0))
            Scale(rs, 0);
        if (old.All(r => (r["status"]?["replicas"]?.GetValue<int>() ?? 0) == 0))
            Scale(newRs, desired);
    }

    private void RollingUpdate(JsonObject spec, int desired, JsonObject newRs, IReadOnlyList<JsonObject> old)
    {
        var rolling = spec["strategy"]?["rollingUpdate"];
        var maxSurge = WorkloadPods.Resolve(rolling?["maxSurge"], desired, roundUp: true, 1);
        var maxUnavailable = WorkloadPods.Resolve(rolling?["maxUnavailable"], desired, roundUp: false, 0);
        if (maxSurge == 0 && maxUnavailable == 0)
            maxUnavailable = 1;
        var total = Replicas(newRs) + old.Sum(Replicas);
        if (Replicas(newRs) < desired)
        {
            var room = desired + maxSurge - total;
            if (room > 0)
            {
                var target = Math.Min(desired, Replicas(newRs) + room);
                Scale(newRs, target);
                total += target - Replicas(newRs);
            }
        }
        else if (Replicas(newRs) > desired)
        {
            Scale(newRs, desired);
            total -= Replicas(newRs) - desired;
        }
        newRs = Fresh(newRs) ?? newRs;
        var minAvailable = desired - maxUnavailable;
        var newUnavailable = Replicas(newRs) - Available(newRs);
        var canScaleDown = total - minAvailable - newUnavailable;
        // Old ReplicaSets whose pods are not available can go first: they hold no availability.
        foreach (var rs in old.Where(r => Replicas(r) > 0))
        {
            var unhealthy = Math.Min(Replicas(rs) - Available(rs), Math.Max(0, canScaleDown));
            if (unhealthy <= 0) continue;
            Scale(rs, Replicas(rs) - unhealthy);
            canScaleDown -= unhealthy;
            total -= unhealthy;
        }
        var available = Available(newRs) + old.Sum(r => Math.Min(Available(r), Replicas(Fresh(r) ?? r)));
        // As the real controller: every available pod above minAvailable may go, even when that takes the total
        // below desired (with maxSurge 0 that is the only way a rollout can start).
        var scaleDown = available - minAvailable;
        foreach (var rs in old.Select(Fresh).OfType<JsonObject>().Where(r => Replicas(r) > 0))
        {
            if (scaleDown <= 0) break;
            var by = Math.Min(Replicas(rs), scaleDown);
            Scale(rs, Replicas(rs) - by);
            scaleDown -= by;
        }
    }

    private void PruneHistory(JsonObject spec, IReadOnlyList<JsonObject> old)
    {
        var limit = spec["revisionHistoryLimit"]?.GetValue<int>() ?? 10;
        var idle = old.Select(Fresh).OfType<JsonObject>()
            .Where(r => Replicas(r) == 0 && (r["status"]?["replicas"]?.GetValue<int>() ?? 0) == 0).OrderBy(Revision).ToList();
        foreach (var rs in idle.Take(Math.Max(0, idle.Count - limit)))
            store.Delete(BuiltInResources.ReplicaSets, rs.Namespace(), rs.Name(), new DeleteOptions());
    }

    private void WriteStatus(JsonObject deployment, int desired, JsonObject? newRs, IReadOnlyList<JsonObject> old, bool created)
    {
        var all = old.Append(newRs).OfType<JsonObject>().ToList();
        int Sum(string field) => all.Sum(r => r["status"]?[field]?.GetValue<int>() ?? 0);
        var replicas = Sum("replicas");
        var updated = newRs?["status"]?["replicas"]?.GetValue<int>() ?? 0;
        var ready = Sum("readyReplicas");
        var available = Sum("availableReplicas");
        var unavailable = Math.Max(0, all.Sum(Replicas) - available);
        var maxUnavailable = WorkloadPods.Resolve(deployment["spec"]?["strategy"]?["rollingUpdate"]?["maxUnavailable"], desired, false, 0);
        if ((string?)deployment["spec"]?["strategy"]?["type"] == "Recreate")
            maxUnavailable = desired;
        var status = new JsonObject { ["observedGeneration"] = deployment.Generation() };
        WorkloadPods.SetCount(status, "replicas", replicas);
        WorkloadPods.SetCount(status, "updatedReplicas", updated);
        WorkloadPods.SetCount(status, "readyReplicas", ready);
        WorkloadPods.SetCount(status, "availableReplicas", available);
        WorkloadPods.SetCount(status, "unavailableReplicas", unavailable);
        var complete = updated == desired && replicas == desired && available == desired;
        var rsName = newRs?.Name() ?? "";
        var conditions = deployment["status"]?["conditions"] as JsonArray;
        var now = ObjectMetadata.Timestamp(clock.GetUtcNow());
        status["conditions"] = new JsonArray(
            Condition(conditions, "Available", available >= desired - maxUnavailable,
                available >= desired - maxUnavailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                available >= desired - maxUnavailable ? "Deployment has minimum availability." : "Deployment does not have minimum availability.", now),
            Condition(conditions, "Progressing", true,
                complete ? "NewReplicaSetAvailable" : created ? "NewReplicaSetCreated" : "ReplicaSetUpdated",
                complete ? $"ReplicaSet \"{rsName}\" has successfully progressed." : created ? $"Created new replica set \"{rsName}\"" : $"ReplicaSet \"{rsName}\" is progressing.", now));
        var current = store.Get(BuiltInResources.Deployments, deployment.Namespace(), deployment.Name()) ?? deployment;
        if (SameIgnoringTimes(current["status"], status))
            return;
        WorkloadPods.WriteStatus(store, BuiltInResources.Deployments, current, status);
    }

    private static JsonObject Condition(JsonArray? existing, string type, bool status, string reason, string message, string now)
    {
        var previous = existing?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);
        var statusText = status ? "True" : "False";
        var same = previous is not null && (string?)previous["status"] == statusText;
        var unchanged = same && (string?)previous!["reason"] == reason && (string?)previous["message"] == message;
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = statusText,
            ["lastUpdateTime"] = unchanged ? previous!["lastUpdateTime"]?.DeepClone() : now,
            ["lastTransitionTime"] = same ? previous!["lastTransitionTime"]?.DeepClone() : now,
            ["reason"] = reason,
            ["message"] = message,
        };
    }

    private static bool SameIgnoringTimes(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(WithoutTimes(a), WithoutTimes(b));

    private static JsonNode? WithoutTimes(JsonNode? status)
    {
        var copy = status?.DeepClone();
        foreach (var c in copy?["conditions"]?.AsArray() ?? [])
            if (c is JsonObject o)
            {
                o.Remove("lastUpdateTime");
                o.Remove("lastTransitionTime");
            }
        return copy;
    }

    private JsonObject NewReplicaSet(JsonObject deployment, string hash, long revision)
    {
        var spec = deployment["spec"]!;
        var template = (JsonObject)spec["template"]!.DeepClone();
        var templateMeta = template["metadata"] as JsonObject ?? (JsonObject)(template["metadata"] = new JsonObject());
        var labels = templateMeta["labels"] as JsonObject ?? (JsonObject)(templateMeta["labels"] = new JsonObject());
        labels[HashLabel] = hash;
        var selector = (JsonObject)spec["selector"]!.DeepClone();
        var matchLabels = selector["matchLabels"] as JsonObject ?? (JsonObject)(selector["matchLabels"] = new JsonObject());
        matchLabels[HashLabel] = hash;
        var desired = spec["replicas"]?.GetValue<int>() ?? 1;
        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = deployment.Name() + "-" + hash,
                ["namespace"] = deployment.Namespace(),
                ["labels"] = labels.DeepClone(),
                ["annotations"] = new JsonObject
                {
                    [RevisionAnnotation] = revision.ToString(),
                    ["deployment.kubernetes.io/desired-replicas"] = desired.ToString(),
                    ["deployment.kubernetes.io/max-replicas"] = (desired + WorkloadPods.Resolve(spec["strategy"]?["rollingUpdate"]?["maxSurge"], desired, true, 1)).ToString(),
                },
                ["ownerReferences"] = new JsonArray(ObjectMetadata.OwnerReferenceTo(deployment)),
            },
            ["spec"] = new JsonObject { ["replicas"] = 0, ["selector"] = selector, ["template"] = template },
        };
    }

    private JsonObject? Annotate(JsonObject rs, long revision) =>
        store.Mutate(BuiltInResources.ReplicaSets, rs.Namespace(), rs.Name(), r =>
        {
            var annotations = r.Meta()["annotations"] as JsonObject ?? (JsonObject)(r.Meta()["annotations"] = new JsonObject());
            annotations[RevisionAnnotation] = revision.ToString();
            return r;
        });

    private void Scale(JsonObject rs, int replicas)
    {
        if (Replicas(rs) == replicas)
            return;
        store.Mutate(BuiltInResources.ReplicaSets, rs.Namespace(), rs.Name(), r =>
        {
            r["spec"]!["replicas"] = replicas;
            return r;
        });
    }

    private JsonObject? Fresh(JsonObject rs) => store.Get(BuiltInResources.ReplicaSets, rs.Namespace(), rs.Name());

    private static int Replicas(JsonObject rs) => rs["spec"]?["replicas"]?.GetValue<int>() ?? 0;

    private static int Available(JsonObject rs) => rs["status"]?["availableReplicas"]?.GetValue<int>() ?? 0;

    private static long Revision(JsonObject rs) =>
        long.TryParse(rs.Annotations().GetValueOrDefault(RevisionAnnotation), out var r) ? r : 0;
}
