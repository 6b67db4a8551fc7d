using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>A list: label and field selectors, pages (limit + continue, as kubectl asks for 500 at a time) and Table output.</summary>
public static class ListRequest
{
    public static async Task Handle(HttpContext context, ObjectStore store, ResourceType type, string? ns, TimeProvider clock)
    {
        var query = context.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"]);
        var (items, rv) = store.List(type, ns, o => labels.Matches(o.Labels()) && fields.Matches(o));
        IEnumerable<JsonObject> page = items;
        var listMeta = new JsonObject { ["resourceVersion"] = rv.ToString() };
        if (query["continue"].FirstOrDefault() is { Length: > 0 } token)
        {
            var after = DecodeContinue(token);
            page = page.SkipWhile(o => string.CompareOrdinal(Key(o), after) <= 0);
        }
        if (int.TryParse(query["limit"].FirstOrDefault(), out var limit) && limit > 0)
        {
            var rest = page.ToList();
            page = rest.Take(limit).ToList();
            if (rest.Count > limit)
            {
                listMeta["continue"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Key(rest[limit - 1])));
                listMeta["remainingItemCount"] = rest.Count - limit;
            }
        }
        if (TableConverter.IsRequested(context.Request.Headers.Accept))
        {
            var table = TableConverter.Convert(type, page, rv, query["includeObject"].FirstOrDefault(), clock.GetUtcNow());
            if (listMeta["continue"] is { } next)
                table["metadata"]!["continue"] = next.DeepClone();
            await JsonResponses.Write(context, 200, table);
            return;
        }
        await JsonResponses.WriteList(context, type.GroupVersion, type.ListKind, listMeta, page);
    }

    /// <summary>The order of a list (namespace, then name), which a continue token resumes after.</summary>
    private static string Key(JsonObject o) => o.Namespace() + "\u0001" + o.Name();

    private static string DecodeContinue(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw ApiException.BadRequest("continue key is not valid: illegal base64 data");
        }
    }
}
