using Microsoft.AspNetCore.Http;
using Orchestrator.SimulatedCluster.Api;

namespace Orchestrator.SimulatedCluster.Security;

/// <summary>
/// What a request asks to do, as the API server's request-info parser reads it from the URL alone (before it
/// knows whether the resource exists): a resource request (verb, group, version, resource, subresource,
/// namespace, name) or a non-resource one (verb and path). RBAC and the Forbidden message are built from it.
/// </summary>
public sealed record RequestAttributes(
    UserInfo User,
    string Verb,
    bool IsResourceRequest,
    string Path,
    string Group = "",
    string Version = "",
    string Resource = "",
    string Subresource = "",
    string Namespace = "",
    string Name = "")
{
    // Subresources of a namespace, which stay on the namespaces resource instead of naming a namespaced resource.
    private static readonly HashSet<string> NamespaceSubresources = ["status", "finalize"];

    public static RequestAttributes Of(HttpContext context, UserInfo user)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = request.Method;
        var nonResource = new RequestAttributes(user, method == "GET" || method == "HEAD" ? "get" : method.ToLowerInvariant(), false, path);

        string group, version;
        string[] parts;
        if (segments.Length >= 3 && segments[0] == "apis")
            (group, version, parts) = (segments[1], segments[2], segments[3..]);
        else if (segments.Length >= 2 && segments[0] == "api")
            (group, version, parts) = ("", segments[1], segments[2..]);
        else
            return nonResource;
        if (parts.Length == 0)
            return nonResource;

        var verb = method switch
        {
            "POST" => "create",
            "GET" or "HEAD" => "get",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            _ => "",
        };
        if (parts[0] == "watch")
        {
            verb = "watch";
            parts = parts[1..];
            if (parts.Length == 0)
                return nonResource;
        }

        var ns = "";
        if (parts[0] == "namespaces" && parts.Length > 1)
        {
            ns = parts[1];
            if (parts.Length > 2 && !NamespaceSubresources.Contains(parts[2]))
                parts = parts[2..];
        }
        var resource = parts[0];
        var name = parts.Length > 1 ? parts[1] : "";
        var subresource = parts.Length > 2 ? parts[2] : "";

        if (name.Length == 0 && verb == "get")
        {
            verb = request.Query["watch"] is ["true"] or ["1"] ? "watch" : "list";
            // A list or watch of one object by field selector is authorized as that object (resourceNames apply).
            if (ExactName(request.Query["fieldSelector"]) is { Length: > 0 } selected)
                name = selected;
        }
        if (name.Length == 0 && verb == "delete")
            verb = "deletecollection";
        return new RequestAttributes(user, verb, true, path, group, version, resource, subresource, ns, name);
    }

    /// <summary>The same user asking about a resource (a SelfSubjectAccessReview, an impersonation check).</summary>
    public static RequestAttributes ForResource(UserInfo user, string verb, string group, string resource, string subresource = "",
        string @namespace = "", string name = "", string version = "") =>
        new(user, verb, true, "", group, version, resource, subresource, @namespace, name);

    public static RequestAttributes ForPath(UserInfo user, string verb, string path) => new(user, verb, false, path);

    private static string? ExactName(string? fieldSelector)
    {
        try
        {
            return FieldSelector.Parse(fieldSelector).ExactName();
        }
        catch (ApiException)
        {
            return null; // a malformed selector is refused later, with its own 400
        }
    }

    /// <summary>`pods/log`: the resource as RBAC rules name it.</summary>
    public string CombinedResource => Subresource.Length == 0 ? Resource : Resource + "/" + Subresource;
}
