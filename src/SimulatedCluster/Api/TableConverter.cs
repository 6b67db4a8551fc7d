using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>
/// Server-side printing: kubectl asks for `as=Table` and prints the columns the server sends, so these
/// are the columns (and priorities: 1 = only with -o wide) the real API server prints for each kind.
/// </summary>
public static class TableConverter
{
    private sealed record Column(string Name, int Priority, Func<JsonObject, DateTimeOffset, object> Cell, string Format = "", string? Type = null);

    public static bool IsRequested(string? accept) => accept is not null && accept.Contains("as=Table", StringComparison.Ordinal);

    public static JsonObject Convert(ResourceType type, IEnumerable<JsonObject> objects, long resourceVersion, string? includeObject, DateTimeOffset now)
    {
        var columns = ColumnsOf(type);
        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var row = new JsonObject { ["cells"] = new JsonArray(columns.Select(c => Cell(c.Cell(obj, now))).ToArray()) };
            if (includeObject != "None")
                row["object"] = includeObject == "Object" ? obj.DeepClone() : new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = obj["metadata"]?.DeepClone(),
                };
            rows.Add(row);
        }
        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString() },
            ["columnDefinitions"] = new JsonArray(columns.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = c.Type ?? (c.Name is "Restarts" or "Desired" or "Current" or "Up-to-date" or "Available" or "Data" ? "integer" : "string"),
                ["format"] = c.Format,
                ["description"] = c.Name,
                ["priority"] = c.Priority,
            }).ToArray()),
            ["rows"] = rows,
        };
    }

    private static JsonNode? Cell(object value) => value switch
    {
        int n => JsonValue.Create(n),
        long n => JsonValue.Create(n),
        string text => JsonValue.Create(text),
        _ => JsonValue.Create(value.ToString()),
    };

    private static IReadOnlyList<Column> ColumnsOf(ResourceType type)
    {
        var name = new Column("Name", 0, (o, _) => o.Name(), "name");
        var age = new Column("Age", 0, (o, now) => Age(o, now));
        return (type.Group, type.Kind) switch
        {
            ("", "Pod") =>
            [
                name,
                new("Ready", 0, (o, _) => $"{Count(o["status"]?["containerStatuses"], c => c?["ready"]?.GetValue<bool>() == true)}/{Count(o["spec"]?["containers"], _ => true)}"),
                new("Status", 0, (o, _) => PodStatus(o)),
                new("Restarts", 0, (o, _) => (o["status"]?["containerStatuses"]?.AsArray() ?? []).Sum(c => c?["restartCount"]?.GetValue<int>() ?? 0)),
                age,
                new("IP", 1, (o, _) => Str(o["status"]?["podIP"], "<none>")),
                new("Node", 1, (o, _) => Str(o["spec"]?["nodeName"], "<none>")),
                new("Nominated Node", 1, (_, _) => "<none>"),
                new("Readiness Gates", 1, (_, _) => "<none>"),
            ],
            ("", "Node") =>
            [
                name,
                new("Status", 0, (o, _) => NodeStatus(o)),
                new("Roles", 0, (o, _) => Roles(o)),
                age,
                new("Version", 0, (o, _) => Str(o["status"]?["nodeInfo"]?["kubeletVersion"], "")),
                new("Internal-IP", 1, (o, _) => Str(o["status"]?["addresses"]?.AsArray().FirstOrDefault(a => (string?)a?["type"] == "InternalIP")?["address"], "<none>")),
                new("External-IP", 1, (_, _) => "<none>"),
                new("OS-Image", 1, (o, _) => Str(o["status"]?["nodeInfo"]?["osImage"], "<unknown>")),
                new("Kernel-Version", 1, (o, _) => Str(o["status"]?["nodeInfo"]?["kernelVersion"], "<unknown>")),
                new("Container-Runtime", 1, (o, _) => Str(o["status"]?["nodeInfo"]?["containerRuntimeVersion"], "<unknown>")),
            ],
            ("apps", "Deployment") =>
            [
                name,
                new("Ready", 0, (o, _) => $"{Int(o["status"]?["readyReplicas"])}/{Int(o["spec"]?["replicas"], 1)}"),
                new("Up-to-date", 0, (o, _) => Int(o["status"]?["updatedReplicas"])),
                new("Available", 0, (o, _) => Int(o["status"]?["availableReplicas"])),
                age, Containers(), Images(), Selector(),
            ],
            ("apps", "ReplicaSet") =>
            [
                name,
                new("Desired", 0, (o, _) => Int(o["spec"]?["replicas"], 1)),
                new("Current", 0, (o, _) => Int(o["status"]?["replicas"])),
                new("Ready", 0, (o, _) => Int(o["status"]?["readyReplicas"])),
                age, Containers(), Images(), Selector(),
            ],
            ("apps", "StatefulSet") =>
            [
                name,
                new("Ready", 0, (o, _) => $"{Int(o["status"]?["readyReplicas"])}/{Int(o["spec"]?["replicas"], 1)}"),
                age, Containers(), Images(),
            ],
            ("apps", "DaemonSet") =>
            [
                name,
                new("Desired", 0, (o, _) => Int(o["status"]?["desiredNumberScheduled"])),
                new("Current", 0, (o, _) => Int(o["status"]?["currentNumberScheduled"])),
                new("Ready", 0, (o, _) => Int(o["status"]?["numberReady"])),
                new("Up-to-date", 0, (o, _) => Int(o["status"]?["updatedNumberScheduled"])),
                new("Available", 0, (o, _) => Int(o["status"]?["numberAvailable"])),
                new("Node Selector", 0, (o, _) => Pairs(o["spec"]?["template"]?["spec"]?["nodeSelector"])),
                age, Containers(), Images(), Selector(),
            ],
            ("", "Service") =>
            [
                name,
                new("Type", 0, (o, _) => Str(o["spec"]?["type"], "ClusterIP")),
                new("Cluster-IP", 0, (o, _) => Str(o["spec"]?["clusterIP"], "<none>")),
                new("External-IP", 0, (_, _) => "<none>"),
                new("Port(s)", 0, (o, _) => o["spec"]?["ports"] is JsonArray ports && ports.Count > 0
                    ? string.Join(",", ports.Select(p => $"{Int(p?["port"])}/{Str(p?["protocol"], "TCP")}")) : "<none>"),
                age,
                new("Selector", 1, (o, _) => Pairs(o["spec"]?["selector"])),
            ],
            ("networking.k8s.io", "Ingress") =>
            [
                name,
                new("Class", 0, (o, _) => Str(o["spec"]?["ingressClassName"], "<none>")),
                new("Hosts", 0, (o, _) => IngressHosts(o)),
                new("Address", 0, (o, _) => string.Join(",", (o["status"]?["loadBalancer"]?["ingress"]?.AsArray() ?? [])
                    .Select(i => Str(i?["ip"], Str(i?["hostname"], ""))))),
                new("Ports", 0, (o, _) => o["spec"]?["tls"] is JsonArray { Count: > 0 } ? "80, 443" : "80"),
                age,
            ],
            ("", "Namespace") => [name, new("Status", 0, (o, _) => Str(o["status"]?["phase"], "Active")), age],
            ("", "ConfigMap") => [name, new("Data", 0, (o, _) => (o["data"] as JsonObject)?.Count + (o["binaryData"] as JsonObject)?.Count ?? 0), age],
            ("", "Secret") => [name, new("Type", 0, (o, _) => Str(o["type"], "Opaque")), new("Data", 0, (o, _) => (o["data"] as JsonObject)?.Count ?? 0), age],
            ("apiextensions.k8s.io", "CustomResourceDefinition") => [name, new("Created At", 0, (o, _) => Str(o["metadata"]?["creationTimestamp"], ""), "date")],
            _ when type.PrinterColumns is { } printed => [name, .. printed.Select(Printed)],
            _ => [name, age],
        };
    }

    /// <summary>
    /// A CRD's own column: its JSONPath evaluated on the object; a date shows as an age, as the API server sends
    /// it (kubectl prints the cell as it comes).
    /// </summary>
    private static Column Printed(PrinterColumn column) => new(column.Name, column.Priority, (o, now) =>
    {
        var value = PrinterColumnPath.Evaluate(o, column.JsonPath);
        return column.Type == "date" ? AgeSince(value, now) : value;
    }, column.Format, column.Type == "date" ? "string" : column.Type);

    private static Column Containers() => new("Containers", 1, (o, _) => string.Join(",", TemplateContainers(o).Select(c => Str(c?["name"], ""))));

    private static Column Images() => new("Images", 1, (o, _) => string.Join(",", TemplateContainers(o).Select(c => Str(c?["image"], ""))));

    private static Column Selector() => new("Selector", 1, (o, _) => Pairs(o["spec"]?["selector"]?["matchLabels"]));

    /// <summary>A label map as kubectl prints it: k=v,k=v, or &lt;none&gt;.</summary>
    private static string Pairs(JsonNode? map) =>
        map is JsonObject { Count: > 0 } pairs ? string.Join(",", pairs.Select(p => $"{p.Key}={(string?)p.Value}")) : "<none>";

    private static IEnumerable<JsonNode?> TemplateContainers(JsonObject o) => o["spec"]?["template"]?["spec"]?["containers"]?.AsArray() ?? [];

    private static string PodStatus(JsonObject pod)
    {
        if (pod.IsDeleting())
            return "Terminating";
        foreach (var status in pod["status"]?["containerStatuses"]?.AsArray() ?? [])
            if ((string?)status?["state"]?["waiting"]?["reason"] is { Length: > 0 } reason && reason != "ContainerCreating")
                return reason;
        var phase = Str(pod["status"]?["phase"], "Pending");
        if (phase == "Pending" && pod["spec"]?["nodeName"] is not null)
            return "ContainerCreating";
        return phase;
    }

    /// <summary>The rules' hosts, "*" when none names one, and at most three as kubectl's printer shows them.</summary>
    private static string IngressHosts(JsonObject ingress)
    {
        var hosts = (ingress["spec"]?["rules"]?.AsArray() ?? []).Select(r => Str(r?["host"], "")).Where(h => h.Length > 0).ToList();
        if (hosts.Count == 0)
            return "*";
        return hosts.Count > 3 ? string.Join(",", hosts.Take(3)) + $" + {hosts.Count - 3} more..." : string.Join(",", hosts);
    }

    private static string NodeStatus(JsonObject node)
    {
        var ready = node["status"]?["conditions"]?.AsArray().FirstOrDefault(c => (string?)c?["type"] == "Ready");
        var status = (string?)ready?["status"] == "True" ? "Ready" : ready is null ? "Unknown" : "NotReady";
        return node["spec"]?["unschedulable"]?.GetValue<bool>() == true ? status + ",SchedulingDisabled" : status;
    }

    private static string Roles(JsonObject node)
    {
        const string prefix = "node-role.kubernetes.io/";
        var roles = node.Labels().Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]).Order().ToList();
        return roles.Count == 0 ? "<none>" : string.Join(",", roles);
    }

    private static int Count(JsonNode? list, Func<JsonNode?, bool> predicate) => list is JsonArray a ? a.Count(predicate) : 0;

    private static int Int(JsonNode? node, int fallback = 0) => node?.GetValue<int>() ?? fallback;

    private static string Str(JsonNode? node, string fallback) => (string?)node is { Length: > 0 } s ? s : fallback;

    /// <summary>kubectl's short human duration (5s, 3m20s, 4h, 2d3h).</summary>
    public static string Age(JsonObject obj, DateTimeOffset now) => AgeSince((string?)obj["metadata"]?["creationTimestamp"], now);

    private static string AgeSince(string? timestamp, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, out var created))
            return "<unknown>";
        var d = now - created;
        if (d < TimeSpan.Zero) d = TimeSpan.Zero;
        if (d.TotalSeconds < 120) return $"{(int)d.TotalSeconds}s";
        if (d.TotalMinutes < 10) return d.Seconds == 0 ? $"{(int)d.TotalMinutes}m" : $"{(int)d.TotalMinutes}m{d.Seconds}s";
        if (d.TotalHours < 3) return $"{(int)d.TotalMinutes}m";
        if (d.TotalHours < 8) return d.Minutes == 0 ? $"{(int)d.TotalHours}h" : $"{(int)d.TotalHours}h{d.Minutes}m";
        if (d.TotalHours < 48) return $"{(int)d.TotalHours}h";
        if (d.TotalDays < 8) return d.Hours == 0 ? $"{(int)d.TotalDays}d" : $"{(int)d.TotalDays}d{d.Hours}h";
        return d.TotalDays < 730 ? $"{(int)d.TotalDays}d" : $"{(int)(d.TotalDays / 365)}y";
    }
}
