using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.SimulatedCluster.Faults;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>
/// A watch: a chunked stream of `{"type":..,"object":..}` lines from a resourceVersion on, filtered by the
/// selectors (an object leaving the selection arrives as DELETED, one entering as ADDED), with bookmarks
/// when asked, 410 Gone as an ERROR event when the version is too old, and the injected drops.
/// </summary>
public static class WatchStream
{
    public static async Task Handle(HttpContext context, ObjectStore store, ResourceType type, string? ns, FaultInjection faults, TimeProvider clock,
        TimeSpan bookmarkInterval, CancellationToken serverStopping)
    {
        var query = context.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"]);
        bool Selected(JsonObject? o) => o is not null && labels.Matches(o.Labels()) && fields.Matches(o);
        long? from = long.TryParse(query["resourceVersion"].FirstOrDefault(), out var rv) ? rv : null;
        var bookmarks = query["allowWatchBookmarks"] is ["true"];
        var asTable = TableConverter.IsRequested(context.Request.Headers.Accept);
        var includeObject = query["includeObject"].FirstOrDefault();
        var timeout = long.TryParse(query["timeoutSeconds"].FirstOrDefault(), out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan;
        if (faults.DropWatchAfter > TimeSpan.Zero && (timeout == Timeout.InfiniteTimeSpan || faults.DropWatchAfter < timeout))
            timeout = faults.DropWatchAfter;

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-cache, private";
        await context.Response.Body.FlushAsync(context.RequestAborted);

        WatchSubscription subscription;
        IReadOnlyList<StoreEvent> backlog;
        try
        {
            (subscription, backlog) = store.Watch(type, ns, from);
        }
        catch (ApiException gone) when (gone.Code == 410)
        {
            await WriteEvent(context, "ERROR", gone.ToStatus());
            return;
        }
        using var _ = subscription;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, serverStopping);
        if (timeout != Timeout.InfiniteTimeSpan)
            stop.CancelAfter(timeout);
        var sent = 0;
        var dropAfter = faults.DropWatchAfterEvents;
        async Task<bool> Send(StoreEvent e)
        {
            var type1 = e.Type;
            if (e.Type == StoreEvent.Modified && e.Previous is not null)
            {
                var now = Selected(e.Object);
                var before = Selected(e.Previous);
                if (!now && !before) return true;
                type1 = now && !before ? StoreEvent.Added : !now ? StoreEvent.Deleted : e.Type;
            }
            else if (!Selected(e.Object))
                return true;
            JsonNode payload = asTable ? TableConverter.Convert(type, [e.Object], e.ResourceVersion, includeObject, clock.GetUtcNow()) : e.Object;
            await WriteEvent(context, type1, payload);
            return dropAfter <= 0 || ++sent < dropAfter;
        }
        try
        {
            foreach (var e in backlog)
                if (!await Send(e))
                    return;
            var reader = subscription.Events;
            Task<bool>? wait = null;
            while (!stop.IsCancellationRequested)
            {
                wait ??= reader.WaitToReadAsync(stop.Token).AsTask();
                if (bookmarks)
                {
                    var tick = Task.Delay(bookmarkInterval, clock, stop.Token);
                    if (await Task.WhenAny(wait, tick) == tick)
                    {
                        await WriteEvent(context, "BOOKMARK", Bookmark(type, store.CurrentResourceVersion));
                        continue;
                    }
                }
                var more = await wait;
                wait = null;
                if (!more)
                    return;
                while (reader.TryRead(out var e))
                    if (!await Send(e))
                        return;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            // The watch's time is up (timeoutSeconds or an injected drop): end the stream as the server does.
        }
    }

    private static JsonObject Bookmark(ResourceType type, long resourceVersion) => new()
    {
        ["kind"] = type.Kind,
        ["apiVersion"] = type.GroupVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString() },
    };

    private static async Task WriteEvent(HttpContext context, string type, JsonNode obj)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        await using (var writer = new Utf8JsonWriter(buffer, JsonResponses.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WritePropertyName("object");
            obj.WriteTo(writer);
            writer.WriteEndObject();
        }
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
        await context.Response.Body.WriteAsync("\n"u8.ToArray(), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
