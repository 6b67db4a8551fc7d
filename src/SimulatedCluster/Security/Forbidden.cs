using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Api;

namespace Orchestrator.SimulatedCluster.Security;

/// <summary>
/// The 403 the API server writes when the authorizer refuses, worded as its own: `deployments.apps "keystone"
/// is forbidden: User "..." cannot get resource "deployments" in API group "apps" in the namespace "openstack"`;
/// `... at the cluster scope` without a namespace; no name for a list or create; `forbidden: User "..." cannot
/// get path "/metrics"` for a non-resource path; the authorizer's reason after a colon when it gave one.
/// </summary>
public static class Forbidden
{
    public static ApiException For(RequestAttributes request, string reason)
    {
        var what = Describe(request);
        if (reason.Length > 0)
            what += ": " + reason;
        var details = new JsonObject();
        string message;
        if (!request.IsResourceRequest)
            message = "forbidden: " + what;
        else
        {
            var qualified = request.Group.Length == 0 ? request.Resource : request.Resource + "." + request.Group;
            message = request.Name.Length == 0 ? $"{qualified} is forbidden: {what}" : $"{qualified} \"{request.Name}\" is forbidden: {what}";
            if (request.Name.Length > 0)
                details["name"] = request.Name;
            if (request.Group.Length > 0)
                details["group"] = request.Group;
            details["kind"] = request.Resource;
        }
        return new ApiException(403, "Forbidden", message, details);
    }

    private static string Describe(RequestAttributes request)
    {
        var user = request.User.Name;
        if (!request.IsResourceRequest)
            return $"User \"{user}\" cannot {request.Verb} path \"{request.Path}\"";
        return request.Namespace.Length > 0
            ? $"User \"{user}\" cannot {request.Verb} resource \"{request.CombinedResource}\" in API group \"{request.Group}\" in the namespace \"{request.Namespace}\""
            : $"User \"{user}\" cannot {request.Verb} resource \"{request.CombinedResource}\" in API group \"{request.Group}\" at the cluster scope";
    }
}
