using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Orchestrator.Actors.Rendering;

/// <summary>The rendered objects as text that `kubectl apply -f -` reads: a YAML stream or a JSON `v1` List.</summary>
public static class RenderedOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>One YAML document per object, each opened by `---`.</summary>
    public static string ToYaml(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects)
    {
        var text = new StringBuilder();
        foreach (var item in objects)
        {
            text.Append("---\n");
            var document = KubernetesYaml.Serialize(item).ReplaceLineEndings("\n");
            text.Append(document);
            if (!document.EndsWith('\n'))
                text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>A `v1` `List` whose items are the objects, indented for reading.</summary>
    public static string ToJsonList(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects)
    {
        var items = new JsonArray();
        foreach (var item in objects)
            items.Add(JsonNode.Parse(KubernetesJson.Serialize(item)));
        var list = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "List",
            ["items"] = items,
        };
        return list.ToJsonString(Indented) + "\n";
    }
}
