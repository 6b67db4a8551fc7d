using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Api;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Controllers;

/// <summary>The pod status a kubelet writes at each step of a pod's life, with the fields clients read.</summary>
public static class ContainerStatuses
{
    public static void Creating(JsonObject pod)
    {
        var status = Status(pod);
        status["phase"] = "Pending";
        status["hostIP"] = null;
        status["containerStatuses"] = new JsonArray(Containers(pod).Select(c => (JsonNode)Container(c, ready: false, new JsonObject
        {
            ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" },
        }, restarts: 0, started: false)).ToArray());
        status.Remove("hostIP");
        PodConditions.Set(pod, "Initialized", true, null, null);
        PodConditions.Set(pod, "Ready", false, "ContainersNotReady", "containers with unready status: [" + string.Join(" ", Containers(pod).Select(c => (string?)c["name"])) + "]");
        PodConditions.Set(pod, "ContainersReady", false, "ContainersNotReady", "containers with unready status: [" + string.Join(" ", Containers(pod).Select(c => (string?)c["name"])) + "]");
    }

    public static void Running(JsonObject pod, JsonObject node, string podIp, DateTimeOffset now)
    {
        var status = Status(pod);
        var hostIp = (string?)node["status"]?["addresses"]?.AsArray().FirstOrDefault(a => (string?)a?["type"] == "InternalIP")?["address"];
        var hostNetwork = pod["spec"]?["hostNetwork"]?.GetValue<bool>() == true;
        var ip = hostNetwork ? hostIp : podIp;
        status["phase"] = "Running";
        status["hostIP"] = hostIp;
        status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = hostIp });
        status["podIP"] = ip;
        status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip });
        status["startTime"] = ObjectMetadata.Timestamp(now);
        status["containerStatuses"] = new JsonArray(Containers(pod).Select(c => (JsonNode)Container(c, ready: false, RunningState(now), 0, started: true)).ToArray());
    }

    public static void SetReady(JsonObject pod, bool ready, DateTimeOffset now)
    {
        foreach (var container in Status(pod)["containerStatuses"]?.AsArray() ?? [])
            if (container is JsonObject c)
                c["ready"] = ready && c["state"]?["running"] is not null;
        var names = string.Join(" ", Containers(pod).Select(c => (string?)c["name"]));
        if (ready)
        {
            PodConditions.Set(pod, "ContainersReady", true, null, null, now);
            PodConditions.Set(pod, "Ready", true, null, null, now);
        }
        else
        {
            PodConditions.Set(pod, "ContainersReady", false, "ContainersNotReady", $"containers with unready status: [{names}]", now);
            PodConditions.Set(pod, "Ready", false, "ContainersNotReady", $"containers with unready status: [{names}]", now);
        }
    }

    /// <summary>One more crash: the container waits in CrashLoopBackOff with its restart count up and its last exit recorded.</summary>
    public static void CrashLoop(JsonObject pod, DateTimeOffset now)
    {
        foreach (var container in Status(pod)["containerStatuses"]?.AsArray() ?? [])
        {
            if (container is not JsonObject c)
                continue;
            var restarts = (c["restartCount"]?.GetValue<int>() ?? 0) + 1;
            c["restartCount"] = restarts;
            c["ready"] = false;
            c["started"] = false;
            c["lastState"] = new JsonObject
            {
                ["terminated"] = new JsonObject
                {
                    ["exitCode"] = 1,
                    ["reason"] = "Error",
                    ["startedAt"] = c["state"]?["running"]?["startedAt"]?.DeepClone() ?? ObjectMetadata.Timestamp(now),
                    ["finishedAt"] = ObjectMetadata.Timestamp(now),
                    ["containerID"] = c["containerID"]?.DeepClone(),
                },
            };
            c["state"] = new JsonObject
            {
                ["waiting"] = new JsonObject
                {
                    ["reason"] = "CrashLoopBackOff",
                    ["message"] = $"back-off {Math.Min(10 * (1 << Math.Min(restarts - 1, 5)), 300)}s restarting failed container={(string?)c["name"]} pod={pod.Name()}_{pod.Namespace()}({pod.Uid()})",
                },
            };
        }
        SetReady(pod, false, now);
    }

    /// <summary>A healed container runs again (its restart count kept); readiness follows after the ready delay.</summary>
    public static void Restarted(JsonObject pod, DateTimeOffset now)
    {
        foreach (var container in Status(pod)["containerStatuses"]?.AsArray() ?? [])
            if (container is JsonObject c)
            {
                c["state"] = RunningState(now);
                c["started"] = true;
                c["containerID"] = "containerd://" + NameSuffix.Hash(pod.Uid() + now.Ticks) + NameSuffix.Hash(pod.Name() + now.Ticks);
            }
    }

    private static JsonObject RunningState(DateTimeOffset now) => new() { ["running"] = new JsonObject { ["startedAt"] = ObjectMetadata.Timestamp(now) } };

    private static JsonObject Container(JsonObject spec, bool ready, JsonObject state, int restarts, bool started)
    {
        var image = (string?)spec["image"] ?? "";
        return new JsonObject
        {
            ["name"] = (string?)spec["name"],
            ["image"] = image,
            ["imageID"] = started ? "docker.io/library/" + image + "@sha256:" + NameSuffix.Hash(image) : "",
            ["containerID"] = started ? "containerd://" + NameSuffix.Hash(image + (string?)spec["name"] + Guid.NewGuid()) : null,
            ["ready"] = ready,
            ["started"] = started,
            ["restartCount"] = restarts,
            ["state"] = state,
        };
    }

    private static IEnumerable<JsonObject> Containers(JsonObject pod) => (pod["spec"]?["containers"]?.AsArray() ?? []).OfType<JsonObject>();

    private static JsonObject Status(JsonObject pod) => pod["status"] as JsonObject ?? (JsonObject)(pod["status"] = new JsonObject());
}
