using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>The defaults the real API server fills in on create, so a client reads back what it would read from a real cluster.</summary>
public sealed class ObjectDefaults
{
    private int _nextServiceIp = 10;

    /// <summary>Defaults of every write (create, update, patch), as the real server defaults on every decode.</summary>
    public static void ApplyOnWrite(ResourceType type, JsonObject obj)
    {
        var spec = obj["spec"] as JsonObject;
        if (spec is null || type.Group is not ("" or "apps"))
            return;
        if (type == BuiltInResources.Pods)
            PodSpecDefaults(spec);
        else if (spec["template"]?["spec"] is JsonObject template)
            PodSpecDefaults(template);
        if (type == BuiltInResources.Deployments)
        {
            var strategy = spec["strategy"] as JsonObject ?? (JsonObject)(spec["strategy"] = new JsonObject());
            strategy["type"] ??= "RollingUpdate";
            if ((string?)strategy["type"] == "RollingUpdate")
            {
                var rolling = strategy["rollingUpdate"] as JsonObject ?? (JsonObject)(strategy["rollingUpdate"] = new JsonObject());
                rolling["maxSurge"] ??= "25%";
                rolling["maxUnavailable"] ??= "25%";
            }
        }
    }

    private static void PodSpecDefaults(JsonObject spec)
    {
        spec["restartPolicy"] ??= "Always";
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["schedulerName"] ??= "default-scheduler";
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["securityContext"] ??= new JsonObject();
        foreach (var container in (spec["containers"]?.AsArray() ?? []).Concat(spec["initContainers"]?.AsArray() ?? []).OfType<JsonObject>())
        {
            var image = (string?)container["image"] ?? "";
            var tagged = image.Contains(':') && !image.EndsWith(":latest", StringComparison.Ordinal) || image.Contains('@');
            container["imagePullPolicy"] ??= tagged ? "IfNotPresent" : "Always";
            container["terminationMessagePath"] ??= "/dev/termination-log";
            container["terminationMessagePolicy"] ??= "File";
            container["resources"] ??= new JsonObject();
            foreach (var port in container["ports"]?.AsArray().OfType<JsonObject>() ?? [])
                port["protocol"] ??= "TCP";
        }
    }

    public void ApplyOnCreate(ResourceType type, JsonObject obj)
    {
        if (type.HasStatus && type != BuiltInResources.Nodes)
            obj.Remove("status");
        ApplyOnWrite(type, obj);
        var spec = obj["spec"] as JsonObject;
        switch (type.Kind)
        {
            case "Namespace" when type.Group == "":
                obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
                obj["status"] = new JsonObject { ["phase"] = "Active" };
                Labels(obj)["kubernetes.io/metadata.name"] = obj.Name();
                break;
            case "Pod" when spec is not null:
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
