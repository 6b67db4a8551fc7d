using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>Reads metav1.DeleteOptions from the query string and the (optional) body of a DELETE.</summary>
public static class DeleteOptionsReader
{
    public static async Task<DeleteOptions> Read(HttpContext context)
    {
        JsonNode? body = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted);
            if (text.Trim().Length > 0)
                body = JsonNode.Parse(text);
        }
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
