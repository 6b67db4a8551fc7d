using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Resources;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>An error the API answers with a metav1.Status body, worded as the real API server words it.</summary>
public sealed class ApiException(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;
    public string Reason { get; } = reason;
    public JsonObject? Details { get; } = details;

    /// <summary>The metav1.Status body; without details the field is left out, as Go's omitempty leaves it.</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        if (Details is not null)
            status["details"] = Details.DeepClone();
        status["code"] = Code;
        return status;
    }

    private static JsonObject DetailsOf(ResourceType type, string name) => new()
    {
        ["name"] = name,
        ["group"] = type.Group,
        ["kind"] = type.Plural,
    };

    public static ApiException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type} \"{name}\" not found", DetailsOf(type, name));

    public static ApiException NamespaceNotFound(string ns) =>
        new(404, "NotFound", $"namespaces \"{ns}\" not found", new JsonObject { ["name"] = ns, ["kind"] = "namespaces" });

    public static ApiException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type} \"{name}\" already exists", DetailsOf(type, name));

    public static ApiException Conflict(ResourceType type, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {type} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            DetailsOf(type, name));

    public static ApiException Invalid(ResourceType type, string name, string field, string problem, string reason = "FieldValueInvalid")
    {
        var details = DetailsOf(type, name);
        details["kind"] = type.Kind;
        details["causes"] = new JsonArray(new JsonObject { ["reason"] = reason, ["message"] = problem, ["field"] = field });
        return new ApiException(422, "Invalid", $"{type.Kind} \"{name}\" is invalid: {field}: {problem}", details);
    }

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException UnknownResource(string path) =>
        new(404, "NotFound", "the server could not find the requested resource", new JsonObject());

    public static ApiException MethodNotAllowed(string verb, ResourceType type) =>
        new(405, "MethodNotAllowed", $"{verb} is not supported on resources of kind \"{type}\"");

    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json ({contentType})");

    public static ApiException Gone(string message) => new(410, "Expired", message);
}
