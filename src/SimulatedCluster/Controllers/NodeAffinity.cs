using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Controllers;

/// <summary>
/// Whether a pod may run on a node by its placement rules: the nodeSelector AND the required node affinity
/// (nodeSelectorTerms ORed, the expressions of a term ANDed), and the node's NoSchedule taints against the
/// pod's tolerations (a NotReady or cordoned node counts as tainted, as the node lifecycle controller taints it).
/// </summary>
public static class NodeAffinity
{
    public static bool Matches(JsonObject podSpec, JsonObject node) => SelectorMatches(podSpec, node) && Tolerates(podSpec, node);

    /// <summary>Only the selector and affinity: where a DaemonSet wants a pod, whatever the node's state.</summary>
    public static bool SelectorMatches(JsonObject podSpec, JsonObject node)
    {
        var labels = node.Labels();
        foreach (var (key, value) in podSpec["nodeSelector"]?.AsObject() ?? [])
            if (!labels.TryGetValue(key, out var actual) || actual != (string?)value)
                return false;
        var terms = podSpec["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"]?.AsArray();
        return terms is null || terms.Count == 0 || terms.Any(t => t is JsonObject term && TermMatches(term, node, labels));
    }

    private static bool TermMatches(JsonObject term, JsonObject node, IReadOnlyDictionary<string, string> labels)
    {
        var expressions = term["matchExpressions"]?.AsArray() ?? [];
        var fields = term["matchFields"]?.AsArray() ?? [];
        if (expressions.Count == 0 && fields.Count == 0)
            return false;
        var fieldValues = new Dictionary<string, string> { ["metadata.name"] = node.Name() };
        return expressions.All(e => ExpressionMatches(e!, labels)) && fields.All(e => ExpressionMatches(e!, fieldValues));
    }

    private static bool ExpressionMatches(JsonNode expression, IReadOnlyDictionary<string, string> values)
    {
        var key = (string)expression["key"]!;
        var wanted = expression["values"]?.AsArray().Select(v => (string)v!).ToList() ?? [];
        var present = values.TryGetValue(key, out var value);
        return (string?)expression["operator"] switch
        {
            "In" => present && wanted.Contains(value!),
            "NotIn" => !present || !wanted.Contains(value!),
            "Exists" => present,
            "DoesNotExist" => !present,
            "Gt" => present && long.TryParse(value, out var g) && wanted.Count == 1 && long.TryParse(wanted[0], out var gv) && g > gv,
            "Lt" => present && long.TryParse(value, out var l) && wanted.Count == 1 && long.TryParse(wanted[0], out var lv) && l < lv,
            _ => false,
        };
    }

    private static bool Tolerates(JsonObject podSpec, JsonObject node)
    {
        var taints = (node["spec"]?["taints"]?.AsArray() ?? []).OfType<JsonObject>()
            .Select(t => ((string?)t["key"] ?? "", (string?)t["value"] ?? "", (string?)t["effect"] ?? "")).ToList();
        if (!NodeConditions.IsReady(node))
            taints.Add(("node.kubernetes.io/not-ready", "", "NoSchedule"));
        if (node["spec"]?["unschedulable"]?.GetValue<bool>() == true)
            taints.Add(("node.kubernetes.io/unschedulable", "", "NoSchedule"));
        var tolerations = (podSpec["tolerations"]?.AsArray() ?? []).OfType<JsonObject>().ToList();
        return taints.Where(t => t.Item3 is "NoSchedule" or "NoExecute").All(t => tolerations.Any(tol => Tolerated(tol, t)));
    }

    private static bool Tolerated(JsonObject toleration, (string Key, string Value, string Effect) taint)
    {
        var effect = (string?)toleration["effect"];
        if (!string.IsNullOrEmpty(effect) && effect != taint.Effect)
            return false;
        var key = (string?)toleration["key"];
        if ((string?)toleration["operator"] == "Exists")
            return string.IsNullOrEmpty(key) || key == taint.Key;
        return key == taint.Key && ((string?)toleration["value"] ?? "") == taint.Value;
    }
}
