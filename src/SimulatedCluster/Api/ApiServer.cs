using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.SimulatedCluster.Faults;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Security;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>
/// The HTTP face of the cluster: discovery, then every resource handled generically from the registry
/// (get, list, watch, create, update, patch, delete, deletecollection, /status and /scale).
/// </summary>
public sealed class ApiServer(ObjectStore store, ResourceRegistry registry, RequestCounters counters, FaultInjection faults, TimeProvider clock,
    TimeSpan bookmarkInterval)
{
    private readonly ObjectDefaults _defaults = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Ends every open watch, so the server can stop without waiting for clients to hang up.</summary>
    public void Stop() => _stopping.Cancel();
    private readonly ObjectWrites _writes = new(store, registry);
    private readonly RbacAuthorizer _authorizer = new(store);
    private readonly ServiceAccountTokens _tokens = new(store, clock);
    private Authenticator _authenticator => field ??= new(_tokens, _authorizer, KubeconfigWriter.Token);
    private EscalationCheck _escalation => field ??= new(store, _authorizer);

    /// <summary>A token of the ServiceAccount, as the TokenRequest API would issue it (tests use it without kubectl).</summary>
    public string CreateToken(string @namespace, string name, TimeSpan lifetime)
    {
        var account = store.Get(BuiltInResources.ServiceAccounts, @namespace, name) ?? throw ApiException.NotFound(BuiltInResources.ServiceAccounts, name);
        return _tokens.Issue(account, ServiceAccountTokens.ApiAudiences, (long)lifetime.TotalSeconds).Token;
    }

    public async Task Handle(HttpContext context)
    {
        var segments = context.Request.Path.Value!.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        RequestAttributes? request = null;
        try
        {
            var user = _authenticator.Authenticate(context);
            request = RequestAttributes.Of(context, user);
            counters.Arrive(request);
            var decision = _authorizer.Authorize(request);
            if (!decision.Allowed)
                throw Forbidden.For(request, decision.Reason);
            if (await Discovery(context, segments))
            {
                counters.Record(RequestMetric.Of(request, context, context.Response.StatusCode));
                return;
            }
            var path = ApiPath.Parse(segments, registry) ?? throw ApiException.UnknownResource(context.Request.Path);
            var verb = VerbOf(context.Request.Method, path, context.Request.Query);
            if (faults.Latency > TimeSpan.Zero)
                await Task.Delay(faults.Latency, clock, context.RequestAborted);
            if (verb != "watch" && faults.ShouldFail())
                throw faults.ErrorStatusCode == 429
                    ? new ApiException(429, "TooManyRequests", "the server has received too many requests and has asked us to try again later",
                        new JsonObject { ["retryAfterSeconds"] = faults.RetryAfterSeconds })
                    : new ApiException(500, "InternalError", "an error on the server (\"injected fault\") has prevented the request from succeeding");
            await Dispatch(context, verb, path, user);
            Count(request, context, context.Response.StatusCode);
        }
        catch (ApiException error) when (!context.Response.HasStarted)
        {
            // A refused token is not a request the server served: like the real one, it counts none.
            if (request is not null)
                Count(request, context, error.Code);
            await JsonResponses.WriteError(context, error);
        }
        catch (ApiException error) when (request is not null)
        {
            Count(request, context, error.Code);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (a watch closed, kubectl killed): nothing to answer, but a watch that was
            // served counts when it ends, as the real server counts it.
            if (request is not null && context.Response.HasStarted)
                Count(request, context, context.Response.StatusCode);
        }
    }

    /// <summary>Counts an answer under the lower-case verb and `resource.group/sub` name, and as a Prometheus series.</summary>
    private void Count(RequestAttributes request, HttpContext context, int code)
    {
        if (request.IsResourceRequest)
        {
            var resource = request.Group.Length == 0 ? request.Resource : request.Resource + "." + request.Group;
            counters.Record(request.Verb, request.Subresource.Length == 0 ? resource : resource + "/" + request.Subresource, code);
        }
        counters.Record(RequestMetric.Of(request, context, code));
    }

    private static string VerbOf(string method, ApiPath path, IQueryCollection query) => method switch
    {
        "GET" when path.Name is null => path.LegacyWatch || query["watch"] is ["true"] or ["1"] ? "watch" : "list",
        "GET" => path.LegacyWatch ? "watch" : "get",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" when path.Name is null => "deletecollection",
        "DELETE" => "delete",
        _ => throw new ApiException(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({method})"),
    };

    private async Task Dispatch(HttpContext context, string verb, ApiPath path, UserInfo user)
    {
        var type = path.Type;
        var ns = path.Namespace ?? "";
        if (type.Namespaced && path.Namespace is null && verb is not ("list" or "watch"))
            throw ApiException.UnknownResource(context.Request.Path);
        if (path.Subresource is { } sub && !(sub == "status" && type.HasStatus || sub == "scale" && type.Group == "apps" && type.Kind != "DaemonSet"
                || sub == "eviction" && type == BuiltInResources.Pods && verb == "create"
                || sub == "token" && type == BuiltInResources.ServiceAccounts && verb == "create"))
            throw ApiException.UnknownResource(context.Request.Path);
        if (type.CreateOnly && verb != "create")
            throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        var dryRun = context.Request.Query["dryRun"] is ["All"];
        switch (verb)
        {
            case "get":
                var found = store.Get(type, ns, path.Name!) ?? throw ApiException.NotFound(type, path.Name!);
                if (path.Subresource == "scale")
                    await JsonResponses.Write(context, 200, ScaleSubresource.Of(found));
                else if (TableConverter.IsRequested(context.Request.Headers.Accept))
                    await JsonResponses.Write(context, 200, TableConverter.Convert(type, [found], found.ResourceVersion(),
                        context.Request.Query["includeObject"].FirstOrDefault(), clock.GetUtcNow()));
                else
                    await JsonResponses.Write(context, 200, found);
                break;
            case "list":
                await ListRequest.Handle(context, store, type, path.Namespace, clock);
                break;
            case "watch":
                await WatchStream.Handle(context, store, type, path.Namespace, faults, clock, bookmarkInterval, _stopping.Token);
                break;
            case "create" when path.Subresource == "eviction":
                var evictionOptions = await DeleteOptionsReader.ReadEviction(context);
                var (evicted, _) = _writes.Delete(type, ns, path.Name!, evictionOptions);
                await JsonResponses.Write(context, 201, JsonResponses.Success(type.Plural, type.Group, path.Name!, evicted.Uid()));
                break;
            case "create" when path.Subresource == "token":
                var tokenRequest = await JsonResponses.ReadObject(context);
                await JsonResponses.Write(context, 201, TokenRequests.Answer(store, _tokens, ns, path.Name!, tokenRequest));
                break;
            case "create" when AccessReviews.IsReview(type):
                var review = await JsonResponses.ReadObject(context);
                await JsonResponses.Write(context, 201, AccessReviews.Answer(type, review, user, _authorizer));
                break;
            case "create":
                var body = await JsonResponses.ReadObject(context);
                GenerateName(body);
                ObjectValidation.Check(type, path, body);
                _escalation.Confirm(user, type, ns, body.Name(), body);
                _defaults.ApplyOnCreate(type, body);
                await JsonResponses.Write(context, 201, dryRun ? body : _writes.Create(type, body));
                break;
            case "update":
                var update = await JsonResponses.ReadObject(context);
                if (path.Subresource == "scale")
                {
                    await JsonResponses.Write(context, 200, ScaleSubresource.Update(store, type, ns, path.Name!, update));
                    break;
                }
                ObjectValidation.Check(type, path, update);
                _escalation.Confirm(user, type, ns, path.Name!, update);
                ObjectDefaults.ApplyOnWrite(type, update);
                if (string.IsNullOrEmpty(path.Subresource) && store.Get(type, ns, path.Name!) is { } replaced)
                    ImmutableSpec.Check(type, replaced, update);
                await JsonResponses.Write(context, 200, dryRun ? update : store.Replace(type, update, path.Subresource));
                break;
            case "patch":
                var patch = await JsonResponses.ReadBody(context);
                var contentType = context.Request.ContentType ?? "";
                if (!user.IsPrivileged && EscalationCheck.Guards(type) && _writes.Preview(type, path, patch, contentType) is { } preview)
                    _escalation.Confirm(user, type, ns, path.Name!, preview);
                var (patched, created) = path.Subresource == "scale"
                    ? (ScaleSubresource.Patch(store, type, ns, path.Name!, patch, contentType), false)
                    : _writes.Patch(type, path, patch, contentType, _defaults);
                await JsonResponses.Write(context, created ? 201 : 200, patched);
                break;
            case "delete":
                var options = await DeleteOptionsReader.Read(context);
                var (deleted, gone) = _writes.Delete(type, ns, path.Name!, options);
                if (gone && type != BuiltInResources.Pods)
                    await JsonResponses.Write(context, 200, JsonResponses.Success(type.Plural, type.Group, path.Name!, deleted.Uid()));
                else
                    await JsonResponses.Write(context, gone ? 200 : 202, deleted);
                break;
            case "deletecollection":
                var collectionOptions = await DeleteOptionsReader.Read(context);
                var selector = LabelSelector.Parse(context.Request.Query["labelSelector"]);
                var fields = FieldSelector.Parse(context.Request.Query["fieldSelector"]);
                var (items, rv) = store.List(type, path.Namespace, o => selector.Matches(o.Labels()) && fields.Matches(o));
                foreach (var item in items)
                {
                    try { _writes.Delete(type, item.Namespace(), item.Name(), collectionOptions); }
                    catch (ApiException e) when (e.Code == 404) { }
                }
                await JsonResponses.WriteList(context, type.GroupVersion, type.ListKind, new JsonObject { ["resourceVersion"] = rv.ToString() }, []);
                break;
        }
    }

    private static void GenerateName(JsonObject body)
    {
        var meta = body.Meta();
        if (string.IsNullOrEmpty((string?)meta["name"]) && (string?)meta["generateName"] is { Length: > 0 } prefix)
            meta["name"] = prefix + NameSuffix.Random(5);
    }

    private async Task<bool> Discovery(HttpContext context, string[] segments)
    {
        if (segments is ["openapi", "v2"] && context.Request.Headers.Accept.ToString().Contains(OpenApiV2Document.ProtobufMediaType))
        {
            context.Response.ContentType = OpenApiV2Document.ProtobufContentType;
            await context.Response.Body.WriteAsync(OpenApiV2Document.Protobuf());
            return true;
        }
        JsonNode? document = segments switch
        {
            ["version"] => DiscoveryDocuments.Version(),
            ["api"] => DiscoveryDocuments.CoreVersions(context.Request.Host.Value ?? "127.0.0.1"),
            ["apis"] => DiscoveryDocuments.GroupList(registry),
            ["api", var v] => v == "v1" ? DiscoveryDocuments.ResourceList("", v, registry.InGroupVersion("", v)) : null,
            ["apis", var g] => registry.Groups().Where(x => x.Group == g).Select(x => DiscoveryDocuments.Group(x.Group, x.Versions)).FirstOrDefault(),
            ["apis", var g, var v] => registry.InGroupVersion(g, v) is { Count: > 0 } types ? DiscoveryDocuments.ResourceList(g, v, types) : null,
            ["healthz"] or ["readyz"] or ["livez"] => JsonValue.Create("ok"),
            ["metrics"] => JsonValue.Create(counters.PrometheusText()),
            ["openapi", "v2"] => OpenApiV2Document.Json(),
            ["openapi", "v3"] => OpenApiDocuments.Index(registry),
            ["openapi", "v3", .. var rest] => OpenApiDocuments.GroupVersion(registry, string.Join('/', rest)),
            _ => null,
        };
        if (document is null)
        {
            if (segments is ["api", _] or ["apis", _] or ["apis", _, _] or ["openapi", ..])
                throw ApiException.UnknownResource(context.Request.Path);
            return false;
        }
        if (document is JsonValue text)
        {
            context.Response.ContentType = segments is ["metrics"] ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain";
            await context.Response.WriteAsync((string)text!);
            return true;
        }
        await JsonResponses.Write(context, 200, document);
        return true;
    }
}
