using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>Reads metav1.DeleteOptions from the query string and the (optional) body of a DELETE.</summary>
public static class DeleteOptionsReader
{
    public static async Task<DeleteOptions> Read(HttpContext context) => FromBody(context, await Body(context));

    /// <summary>The options of a pod eviction (policy/v1 Eviction), which carries them in deleteOptions.</summary>
    public static async Task<DeleteOptions> ReadEviction(HttpContext context) =>
        FromBody(context, (await JsonResponses.ReadBody(context))["deleteOptions"]);

    private static async Task<JsonNode?> Body(HttpContext context)
    {
        JsonNode? body = null;
        if (context.Request.ContentType?.StartsWith(Protobuf.ProtobufDecoder.MediaType, StringComparison.Ordinal) == true)
            body = await JsonResponses.ReadBody(context);
        else if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted);
            try
            {
                if (text.Trim().Length > 0)
                    body = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException e)
            {
                throw ApiException.BadRequest($"the DeleteOptions in the body are not valid JSON: {e.Message}");
            }
        }
        return body;
    }

    private static DeleteOptions FromBody(HttpContext context, JsonNode? body)
    {
        var query = context.Request.Query;
        var propagation = (string?)body?["propagationPolicy"] ?? query["propagationPolicy"].FirstOrDefault();
        if (propagation is null && (body?["orphanDependents"]?.GetValue<bool>() == true || query["orphanDependents"] is ["true"]))
            propagation = DeleteOptions.Orphan;
        if (propagation is not (null or DeleteOptions.Background or DeleteOptions.Foreground or DeleteOptions.Orphan))
            throw ApiException.BadRequest($"propagationPolicy: Unsupported value: \"{propagation}\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
        long? grace = body?["gracePeriodSeconds"]?.GetValue<long>()
            ?? (long.TryParse(query["gracePeriodSeconds"].FirstOrDefault(), out var g) ? g : null);
        return new DeleteOptions(propagation ?? DeleteOptions.Background, grace,
            (string?)body?["preconditions"]?["uid"], (string?)body?["preconditions"]?["resourceVersion"]);
    }
}
