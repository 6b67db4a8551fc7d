namespace Orchestrator.SimulatedCluster.Security;

/// <summary>Who a request acts as, once authenticated (and impersonated): the name and groups RBAC matches.</summary>
public sealed record UserInfo(string Name, IReadOnlyList<string> Groups)
{
    public const string Authenticated = "system:authenticated";
    public const string Masters = "system:masters";
    public const string ServiceAccountPrefix = "system:serviceaccount:";
    public const string ServiceAccountsGroup = "system:serviceaccounts";

    /// <summary>The admin kubeconfig's user, as kubeadm makes it: in system:masters, which no authorizer can refuse.</summary>
    public static UserInfo Admin { get; } = new("kubernetes-admin", [Masters, Authenticated]);

    public bool IsPrivileged => Groups.Contains(Masters);

    /// <summary>A service account's user, with the groups the real token authenticator gives it.</summary>
    public static UserInfo ServiceAccount(string @namespace, string name) =>
        new(ServiceAccountPrefix + @namespace + ":" + name, [ServiceAccountsGroup, ServiceAccountsGroup + ":" + @namespace, Authenticated]);

    /// <summary>The namespace and name of a `system:serviceaccount:NS:NAME` user; null for any other user.</summary>
    public static (string Namespace, string Name)? ServiceAccountOf(string userName)
    {
        if (!userName.StartsWith(ServiceAccountPrefix, StringComparison.Ordinal))
            return null;
        var parts = userName[ServiceAccountPrefix.Length..].Split(':');
        return parts is [{ Length: > 0 } ns, { Length: > 0 } name] ? (ns, name) : null;
    }
}
