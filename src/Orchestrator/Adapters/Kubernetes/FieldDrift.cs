using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Adapters.Kubernetes;

/// <summary>
/// The one answer to "would apply write this object?": the fields of the object as we render it whose values the
/// server does not hold. Only what we render is compared: a field the server defaulted, a status, or a label or
/// annotation someone else set is no difference; a field we set and someone scaled, edited or removed is. Each
/// difference is named for the audit ("spec.replicas 1 -> 2", observed -> desired); the values of a Secret and long
/// texts are never printed, only that they changed.
/// </summary>
public static class FieldDrift
{
    private const int LongestPrinted = 64;

    /// <summary>Metadata we render and own; the rest of metadata is the server's (uid, resourceVersion, managedFields...).</summary>
    private static readonly string[] OwnedMetadata = ["labels", "annotations", "ownerReferences"];

    /// <summary>Every difference, as "path observed -> desired"; empty when the server already holds the object as rendered.</summary>
    public static IReadOnlyList<string> Of(JsonObject desired, JsonObject observed)
    {
        var differences = new List<string>();
        var secret = desired["kind"]?.GetValue<string>() == "Secret";
        foreach (var (key, value) in desired)
        {
            if (key is "apiVersion" or "kind" or "status")
                continue;
            if (key == "metadata")
            {
                foreach (var owned in OwnedMetadata)
                    Compare(value?[owned], observed["metadata"]?[owned], "metadata." + owned, secret: false, differences);
                continue;
            }
            if (secret && key == "stringData" && value is JsonObject plain)
            {
                // The server folds stringData into data (base64) and keeps no stringData: compare it there.
                foreach (var (name, text) in plain)
                    Compare(text is null ? null : JsonValue.Create(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text.GetValue<string>()))),
                        observed["data"]?[name], Path("data", name), secret: true, differences);
                continue;
            }
            if (key == "spec" && value is JsonObject spec && observed["spec"] is JsonObject observedSpec)
            {
                // A field the server never lets change is no drift: no write could repair it (see ImmutableFields).
                var kind = desired["kind"]?.GetValue<string>();
                foreach (var (field, wanted) in spec)
                    if (!ImmutableFields.IsFixed(kind, field))
                        Compare(wanted, observedSpec[field], Path("spec", field), secret: false, differences);
                continue;
            }
            Compare(value, observed[key], key, secret && key == "data", differences);
        }
        return differences;
    }

    private static void Compare(JsonNode? desired, JsonNode? observed, string path, bool secret, List<string> differences)
    {
        switch (desired)
        {
            case null:
                return;
            case JsonObject wanted when observed is JsonObject held:
                foreach (var (key, value) in wanted)
                    Compare(value, held[key], Path(path, key), secret, differences);
                return;
            case JsonObject wanted when observed is null && wanted.Count == 0:
                return; // an empty map we render and a map the server omits are the same
            case JsonArray wanted when observed is JsonArray held && wanted.Count == held.Count:
                for (var i = 0; i < wanted.Count; i++)
                    Compare(wanted[i], held[i], $"{path}[{i}]", secret, differences);
                return;
            case JsonArray wanted when observed is null && wanted.Count == 0:
                return;
            case JsonValue when observed is JsonValue && SameScalar(desired, observed):
                return;
        }
        differences.Add($"{path} {Printed(observed, secret)} -> {Printed(desired, secret)}");
    }

    private static bool SameScalar(JsonNode desired, JsonNode observed)
    {
        var wanted = desired.AsValue().GetValueKind();
        var held = observed.AsValue().GetValueKind();
        if (wanted == JsonValueKind.Number && held == JsonValueKind.Number)
            return decimal.Parse(desired.ToJsonString(), CultureInfo.InvariantCulture) == decimal.Parse(observed.ToJsonString(), CultureInfo.InvariantCulture);
        return JsonNode.DeepEquals(desired, observed);
    }

    private static string Printed(JsonNode? node, bool secret)
    {
        if (node is null)
            return "(absent)";
        if (secret)
            return "(secret value)";
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            return text.Length > LongestPrinted || text.Contains('\n') ? $"({text.Length} characters)" : text;
        }
        var json = node.ToJsonString();
        return json.Length > LongestPrinted ? $"({node.GetValueKind().ToString().ToLowerInvariant()})" : json;
    }

    private static string Path(string parent, string key) =>
        key.Contains('.') || key.Contains('/') ? $"{parent}[{key}]" : $"{parent}.{key}";
}
