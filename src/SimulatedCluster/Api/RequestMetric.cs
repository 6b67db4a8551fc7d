using Microsoft.AspNetCore.Http;
using Orchestrator.SimulatedCluster.Security;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>
/// The labels of one `apiserver_request_total` series, named as the real API server names them: the verb in
/// capitals (GET, LIST, WATCH, POST, PUT, PATCH, APPLY, DELETE, DELETECOLLECTION), the group, version, resource
/// and subresource, the scope (resource, namespace, cluster; empty for a path), dry_run and the status code.
/// A non-resource path is counted with its path as the subresource, as the real server counts /healthz.
/// </summary>
public sealed record RequestMetric(string Verb, string Group, string Version, string Resource, string Subresource, string Scope, string DryRun, int Code)
{
    public static RequestMetric Of(RequestAttributes request, HttpContext context, int code)
    {
        var dryRun = context.Request.Query["dryRun"].ToString();
        if (!request.IsResourceRequest)
            return new RequestMetric(context.Request.Method, "", "", "", request.Path, "", dryRun, code);
        var verb = request.Verb switch
        {
            "get" => "GET",
            "list" => "LIST",
            "watch" => "WATCH",
            "create" => "POST",
            "update" => "PUT",
            "patch" when (context.Request.ContentType ?? "").StartsWith(ObjectWrites.ApplyPatch, StringComparison.Ordinal) => "APPLY",
            "patch" => "PATCH",
            "delete" => "DELETE",
            "deletecollection" => "DELETECOLLECTION",
            var other => other.ToUpperInvariant(),
        };
        var scope = request.Name.Length > 0 || request.Verb == "create" ? "resource" : request.Namespace.Length > 0 ? "namespace" : "cluster";
        return new RequestMetric(verb, request.Group, request.Version, request.Resource, request.Subresource, scope, dryRun, code);
    }
}
