using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>The checks the real API server makes before a write, with its wording: 400 for an object sent to
/// the wrong place, 422 Invalid for a malformed one.</summary>
public static partial class ObjectValidation
{
    internal const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    internal static partial Regex Subdomain();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    /// <summary>Checks the object of a create or update sent to a path; fills in the namespace when it is absent.</summary>
    public static void Check(ResourceType type, ApiPath path, JsonObject obj)
    {
        var kind = (string?)obj["kind"];
        var apiVersion = (string?)obj["apiVersion"];
        if (kind is not null && kind != type.Kind && path.Subresource is null)
            throw ApiException.BadRequest($"the server could not find the requested resource (kind {kind} sent to {type})");
        if (apiVersion is not null && apiVersion != type.GroupVersion && path.Subresource is null)
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.GroupVersion})");
        var meta = obj.Meta();
        var objectNamespace = (string?)meta["namespace"];
        if (type.Namespaced)
        {
            if (!string.IsNullOrEmpty(objectNamespace) && objectNamespace != path.Namespace)
                throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            meta["namespace"] = path.Namespace;
        }
        else
            meta.Remove("namespace");
        var name = obj.Name();
        if (path.Name is not null && name != path.Name)
            throw ApiException.BadRequest($"the name of the object ({name}) does not match the name on the URL ({path.Name})");
        if (name.Length == 0)
            throw new ApiException(422, "Invalid", $"{type.Kind} \"\" is invalid: metadata.name: Required value: name or generateName is required",
                new JsonObject { ["kind"] = type.Kind, ["group"] = type.Group, ["causes"] = new JsonArray(new JsonObject
                    { ["reason"] = "FieldValueRequired", ["message"] = "Required value: name or generateName is required", ["field"] = "metadata.name" }) });
        var needsLabel = type == BuiltInResources.Namespaces || type == BuiltInResources.Services;
        if (needsLabel ? !Label().IsMatch(name) || name.Length > 63 : !Subdomain().IsMatch(name) || name.Length > 253)
            throw ApiException.Invalid(type, name, "metadata.name", $"Invalid value: \"{name}\": {(needsLabel ? LabelMessage : SubdomainMessage)}");
        LabelValidation.Check(type, name, meta);
        if (type.Group == "apps" && path.Subresource is null)
            CheckWorkload(type, name, obj);
        if (type == BuiltInResources.Services && path.Subresource is null && obj["spec"]?["ports"] is not JsonArray { Count: > 0 }
            && (string?)obj["spec"]?["clusterIP"] != "None" && (string?)obj["spec"]?["type"] != "ExternalName")
            throw ApiException.Invalid(type, name, "spec.ports", "Required value");
        if (type == BuiltInResources.Pods && path.Subresource is null && obj["spec"]?["containers"] is not JsonArray { Count: > 0 })
            throw ApiException.Invalid(type, name, "spec.containers", "Required value");
    }

    private static void CheckWorkload(ResourceType type, string name, JsonObject obj)
    {
        if (type.Kind is not ("Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet"))
            return;
        var selector = obj["spec"]?["selector"];
        if (selector is null)
            throw ApiException.Invalid(type, name, "spec.selector", "Required value");
        var labels = (obj["spec"]?["template"]?["metadata"]?["labels"] as JsonObject)?
            .ToDictionary(p => p.Key, p => (string?)p.Value ?? "") ?? [];
        if (!LabelSelector.FromStructured(selector).Matches(labels))
            throw ApiException.Invalid(type, name, "spec.template.metadata.labels",
                $"Invalid value: map[string]string{{{string.Join(", ", labels.Select(p => $"\"{p.Key}\":\"{p.Value}\""))}}}: `selector` does not match template `labels`");
        if (obj["spec"]?["template"]?["spec"]?["containers"] is not JsonArray { Count: > 0 })
            throw ApiException.Invalid(type, name, "spec.template.spec.containers", "Required value");
    }
}
