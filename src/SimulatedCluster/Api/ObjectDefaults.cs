using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>The defaults the real API server fills in on create, so a client reads back what it would read from a real cluster.</summary>
public sealed class ObjectDefaults
{
    private int _nextServiceIp = 10;

    public void ApplyOnCreate(ResourceType type, JsonObject obj)
    {
        if (type.HasStatus && type != BuiltInResources.Nodes)
            obj.Remove("status");
        var spec = obj["spec"] as JsonObject;
        switch (type.Kind)
        {
            case "Namespace" when type.Group == "":
                obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
                obj["status"] = new JsonObject { ["phase"] = "Active" };
                Labels(obj)["kubernetes.io/metadata.name"] = obj.Name();
                break;
            case "Pod" when spec is not null:
                spec["restartPolicy"] ??= "Always";
                spec["dnsPolicy"] ??= "ClusterFirst";
                spec["schedulerName"] ??= "default-scheduler";
                spec["terminationGracePeriodSeconds"] ??= 30;
                spec["serviceAccountName"] ??= "default";
                obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = "BestEffort" };
                break;
            case "Service" when spec is not null:
                spec["type"] ??= "ClusterIP";
                spec["sessionAffinity"] ??= "None";
                if ((string?)spec["clusterIP"] is null or "")
                {
                    var n = Interlocked.Increment(ref _nextServiceIp);
                    spec["clusterIP"] = $"10.96.{n / 250}.{n % 250 + 1}";
                }
                spec["clusterIPs"] ??= new JsonArray((string?)spec["clusterIP"]);
                foreach (var port in spec["ports"]?.AsArray() ?? [])
                    if (port is JsonObject p)
                    {
                        p["protocol"] ??= "TCP";
                        p["targetPort"] ??= p["port"]?.DeepClone();
                    }
                obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
                break;
            case "Secret":
                obj["type"] ??= "Opaque";
                break;
            case "Deployment" when spec is not null:
                spec["replicas"] ??= 1;
                spec["revisionHistoryLimit"] ??= 10;
                spec["progressDeadlineSeconds"] ??= 600;
                spec["strategy"] ??= new JsonObject
                {
                    ["type"] = "RollingUpdate",
                    ["rollingUpdate"] = new JsonObject { ["maxSurge"] = "25%", ["maxUnavailable"] = "25%" },
                };
                break;
            case "ReplicaSet" when spec is not null:
                spec["replicas"] ??= 1;
                break;
            case "StatefulSet" when spec is not null:
                spec["replicas"] ??= 1;
                spec["podManagementPolicy"] ??= "OrderedReady";
                spec["revisionHistoryLimit"] ??= 10;
                spec["updateStrategy"] ??= new JsonObject
                {
                    ["type"] = "RollingUpdate",
                    ["rollingUpdate"] = new JsonObject { ["partition"] = 0 },
                };
                break;
            case "DaemonSet" when spec is not null:
                spec["revisionHistoryLimit"] ??= 10;
                spec["updateStrategy"] ??= new JsonObject
                {
                    ["type"] = "RollingUpdate",
                    ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = 1, ["maxSurge"] = 0 },
                };
                break;
            case "CustomResourceDefinition":
                obj["status"] = EstablishedStatus(obj);
                break;
        }
    }

    /// <summary>The status of a CRD once its names are accepted and it is served; clients wait for Established.</summary>
    public static JsonObject EstablishedStatus(JsonObject crd)
    {
        var now = ObjectMetadata.Timestamp(DateTimeOffset.UtcNow);
        JsonObject Condition(string type, string reason, string message) => new()
        {
            ["type"] = type, ["status"] = "True", ["lastTransitionTime"] = now, ["reason"] = reason, ["message"] = message,
        };
        return new JsonObject
        {
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found"),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted")),
            ["acceptedNames"] = crd["spec"]?["names"]?.DeepClone(),
            ["storedVersions"] = new JsonArray((crd["spec"]?["versions"]?.AsArray() ?? [])
                .Where(v => v?["storage"]?.GetValue<bool>() == true).Select(v => (JsonNode?)JsonValue.Create((string?)v!["name"])).ToArray()),
        };
    }

    private static JsonObject Labels(JsonObject obj) =>
        obj.Meta()["labels"] as JsonObject ?? (JsonObject)(obj.Meta()["labels"] = new JsonObject());
}
