using Microsoft.AspNetCore.Http;
using Orchestrator.SimulatedCluster.Api;

namespace Orchestrator.SimulatedCluster.Security;

/// <summary>
/// Who sent a request: the admin kubeconfig's token is the admin (system:masters); a service-account token
/// this server issued is that service account; any other bearer token is 401 Unauthorized, as on a real
/// server. A request with no credentials at all is served as the admin: the simulated cluster's own clients
/// (tests, in-process agents) have always talked to it that way. Then the impersonation headers
/// (`kubectl --as`, `--as-group`) replace the user, if the sender may impersonate.
/// </summary>
public sealed class Authenticator(ServiceAccountTokens tokens, RbacAuthorizer authorizer, string adminToken)
{
    public const string ImpersonateUser = "Impersonate-User";
    public const string ImpersonateGroup = "Impersonate-Group";
    public const string ImpersonateUid = "Impersonate-Uid";

    public UserInfo Authenticate(HttpContext context)
    {
        var user = Sender(context.Request.Headers.Authorization.ToString());
        return Impersonated(context.Request.Headers, user);
    }

    private UserInfo Sender(string authorization)
    {
        if (authorization.Length == 0)
            return UserInfo.Admin;
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            throw Unauthorized();
        var token = authorization["Bearer ".Length..].Trim();
        if (token == adminToken)
            return UserInfo.Admin;
        return tokens.Authenticate(token) ?? throw Unauthorized();
    }

    private UserInfo Impersonated(IHeaderDictionary headers, UserInfo sender)
    {
        var userName = headers[ImpersonateUser].ToString();
        var groups = headers[ImpersonateGroup].Where(g => !string.IsNullOrEmpty(g)).Select(g => g!).ToList();
        var uid = headers[ImpersonateUid].ToString();
        if (userName.Length == 0)
        {
            if (groups.Count > 0 || uid.Length > 0)
                throw ApiException.BadRequest("requested [" + string.Join(' ', groups.Select(g => $"{{Group  {g}  authentication.k8s.io/v1  }}")) + "] without impersonating a user");
            return sender;
        }

        var serviceAccount = UserInfo.ServiceAccountOf(userName);
        Check(serviceAccount is { } sa
            ? RequestAttributes.ForResource(sender, "impersonate", "", "serviceaccounts", @namespace: sa.Namespace, name: sa.Name)
            : RequestAttributes.ForResource(sender, "impersonate", "", "users", name: userName));
        foreach (var group in groups)
            Check(RequestAttributes.ForResource(sender, "impersonate", "", "groups", name: group));
        if (uid.Length > 0)
            Check(RequestAttributes.ForResource(sender, "impersonate", "authentication.k8s.io", "uids", name: uid));

        var effective = new List<string>(groups);
        if (groups.Count == 0 && serviceAccount is { } account)
            effective.AddRange(UserInfo.ServiceAccount(account.Namespace, account.Name).Groups.Where(g => g != UserInfo.Authenticated));
        if (userName != "system:anonymous" && !effective.Contains(UserInfo.Authenticated) && !effective.Contains("system:unauthenticated"))
            effective.Add(UserInfo.Authenticated);
        return new UserInfo(userName, effective);
    }

    private void Check(RequestAttributes actingAs)
    {
        var decision = authorizer.Authorize(actingAs);
        if (!decision.Allowed)
            throw Forbidden.For(actingAs, decision.Reason);
    }

    /// <summary>The real server's answer to a missing, unknown, expired or revoked token: no detail, on purpose.</summary>
    public static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");
}
