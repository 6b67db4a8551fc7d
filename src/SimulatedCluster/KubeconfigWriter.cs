namespace Orchestrator.SimulatedCluster;

/// <summary>
/// A kubeconfig for plain http on loopback, which kubectl and the KubernetesClient both load. The user has a
/// bearer token because the KubernetesClient refuses a user without credentials; the server does not check it
/// (it authenticates nobody, like a cluster with anonymous access allowed).
/// </summary>
public static class KubeconfigWriter
{
    public const string ContextName = "simulated";
    public const string Token = "simulated-cluster-ignores-this-token";

    public static string Render(Uri server) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {ContextName}
          cluster:
            server: {server.GetLeftPart(UriPartial.Authority)}
        users:
        - name: {ContextName}
          user:
            token: {Token}
        contexts:
        - name: {ContextName}
          context:
            cluster: {ContextName}
            user: {ContextName}
            namespace: default
        current-context: {ContextName}

        """;

    public static void Write(Uri server, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        File.WriteAllText(path, Render(server));
    }
}
