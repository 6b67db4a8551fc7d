using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>Writes JSON answers; lists are streamed item by item so a 10,000-pod list is never copied.</summary>
public static class JsonResponses
{
    /// <summary>Quotes escaped as \" (not \u0022), as the Go encoder of the real server writes them.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task Write(HttpContext context, int code, JsonNode body)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body, JsonResponses.WriterOptions);
        body.WriteTo(writer);
        await writer.FlushAsync(context.RequestAborted);
    }

    public static async Task WriteList(HttpContext context, string apiVersion, string kind, JsonObject listMeta, IEnumerable<JsonObject> items)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body, JsonResponses.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("kind", kind);
        writer.WriteString("apiVersion", apiVersion);
        writer.WritePropertyName("metadata");
        listMeta.WriteTo(writer);
        writer.WritePropertyName("items");
        writer.WriteStartArray();
        var written = 0;
        foreach (var item in items)
        {
            item.WriteTo(writer);
            if (++written % 256 == 0)
                await writer.FlushAsync(context.RequestAborted);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    public static Task WriteError(HttpContext context, ApiException error)
    {
        if (error.Code == 429)
            context.Response.Headers.RetryAfter = (error.Details?["retryAfterSeconds"]?.GetValue<int>() ?? 1).ToString();
        return Write(context, error.Code, error.ToStatus());
    }

    public static JsonObject Success(string kind, string group, string name, string uid) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = kind, ["uid"] = uid },
    };

    /// <summary>The body of a create or update, which must be an object.</summary>
    public static async Task<JsonObject> ReadObject(HttpContext context) =>
        await ReadBody(context) as JsonObject ?? throw ApiException.BadRequest("the body is not an object");

    public static async Task<JsonNode> ReadBody(HttpContext context)
    {
        if (context.Request.ContentType?.StartsWith(Protobuf.ProtobufDecoder.MediaType, StringComparison.Ordinal) == true)
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            return Protobuf.ProtobufDecoder.Decode(buffer.ToArray());
        }
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted)
                ?? throw ApiException.BadRequest("the request body is empty");
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"the body of the request is not valid JSON: {e.Message}");
        }
    }
}
