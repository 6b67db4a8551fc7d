namespace Orchestrator.Actors.Rendering;

/// <summary>The names of what a service becomes, spelled once so that every part finds the same objects.</summary>
public static class ResourceNames
{
    /// <summary>The node agent's DaemonSet, ServiceAccount and RBAC objects.</summary>
    public const string NodeAgent = "openstack-node-agent";

    /// <summary>
    /// The Secret that holds the deployment's <see cref="HashKey"/>. No service's object can take the name: theirs end
    /// in -etc or -secrets.
    /// </summary>
    public const string HashKeySecret = "orchestrator-hash-key";

    public static string ConfigMap(string service) => service + "-etc";

    public static string Secret(string service) => service + "-secrets";

    /// <summary>The directory a service reads its configuration (and secret files) from.</summary>
    public static string ConfigDirectory(string service) => "/etc/" + service + "/";

    /// <summary>Where an API service answers.</summary>
    public static string Host(string service, string domain) => service + "." + domain;
}
