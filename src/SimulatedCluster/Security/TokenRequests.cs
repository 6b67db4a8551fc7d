using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Api;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Security;

/// <summary>
/// `POST /api/v1/namespaces/NS/serviceaccounts/NAME/token` (what `kubectl create token` sends): a TokenRequest
/// in, the same TokenRequest out with the token and its expiry in its status. The ServiceAccount must exist
/// (404 otherwise); the lifetime defaults to an hour and may not be under ten minutes (422), as on the real server.
/// </summary>
public static class TokenRequests
{
    private const long MaximumExpirationSeconds = 1L << 32;

    public static JsonObject Answer(ObjectStore store, ServiceAccountTokens tokens, string @namespace, string name, JsonObject request)
    {
        var account = store.Get(BuiltInResources.ServiceAccounts, @namespace, name) ?? throw ApiException.NotFound(BuiltInResources.ServiceAccounts, name);
        var spec = request["spec"] as JsonObject ?? new JsonObject();
        var expiration = (long?)spec["expirationSeconds"] ?? ServiceAccountTokens.DefaultExpirationSeconds;
        if (expiration < ServiceAccountTokens.MinimumExpirationSeconds)
            throw Invalid(name, "spec.expirationSeconds", $"Invalid value: {expiration}: may not specify a duration less than 10 minutes");
        if (expiration > MaximumExpirationSeconds)
            throw Invalid(name, "spec.expirationSeconds", $"Invalid value: {expiration}: may not specify a duration larger than 2^32 seconds");
        var audiences = spec["audiences"]?.AsArray().Select(a => (string?)a ?? "").Where(a => a.Length > 0).ToList() is { Count: > 0 } asked
            ? asked
            : [.. ServiceAccountTokens.ApiAudiences];
        var (token, expires) = tokens.Issue(account, audiences, expiration);
        return new JsonObject
        {
            ["kind"] = "TokenRequest",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = @namespace, ["creationTimestamp"] = null },
            ["spec"] = new JsonObject
            {
                ["audiences"] = new JsonArray([.. audiences.Select(a => (JsonNode?)JsonValue.Create(a))]),
                ["expirationSeconds"] = expiration,
                ["boundObjectRef"] = spec["boundObjectRef"]?.DeepClone(),
            },
            ["status"] = new JsonObject { ["token"] = token, ["expirationTimestamp"] = ObjectMetadata.Timestamp(expires) },
        };
    }

    private static ApiException Invalid(string name, string field, string problem) => new(422, "Invalid",
        $"TokenRequest.authentication.k8s.io \"{name}\" is invalid: {field}: {problem}",
        new JsonObject
        {
            ["name"] = name,
            ["group"] = "authentication.k8s.io",
            ["kind"] = "TokenRequest",
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueInvalid", ["message"] = problem, ["field"] = field }),
        });
}
