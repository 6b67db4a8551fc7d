namespace Orchestrator.SimulatedCluster;

/// <summary>
/// Kubeconfigs that kubectl and the KubernetesClient both load. The admin's current context "simulated" is plain
/// http on loopback with the admin token (the server's system:masters user); its context "simulated-tls" is the
/// same user on the TLS port. A service account's kubeconfig has only the TLS port, with the cluster CA,
/// because kubectl sends a bearer token over TLS only.
/// </summary>
public static class KubeconfigWriter
{
    public const string ContextName = "simulated";
    public const string TlsContextName = "simulated-tls";
    public const string Token = "simulated-cluster-ignores-this-token";

    /// <summary>The API server's TLS port and the CA (base64 PEM) that signed its certificate.</summary>
    public sealed record TlsServer(Uri Server, string CertificateAuthorityData);

    public static string Render(Uri server, string token = Token, TlsServer? tls = null) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {ContextName}
          cluster:
            server: {server.GetLeftPart(UriPartial.Authority)}
        {(tls is null ? "" : TlsCluster(tls))}users:
        - name: {ContextName}
          user:
            token: {token}
        contexts:
        - name: {ContextName}
          context:
            cluster: {ContextName}
            user: {ContextName}
            namespace: default
        {(tls is null ? "" : TlsContext(ContextName))}current-context: {ContextName}

        """;

    /// <summary>A kubeconfig of one user with a bearer token, on the TLS port only.</summary>
    public static string RenderForToken(TlsServer tls, string token) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        {TlsCluster(tls)}users:
        - name: {TlsContextName}
          user:
            token: {token}
        contexts:
        {TlsContext(TlsContextName)}current-context: {TlsContextName}

        """;

    public static void Write(Uri server, string path, string token = Token, TlsServer? tls = null) => Save(path, Render(server, token, tls));

    public static void WriteForToken(TlsServer tls, string path, string token) => Save(path, RenderForToken(tls, token));

    private static string TlsCluster(TlsServer tls) => $"""
        - name: {TlsContextName}
          cluster:
            server: {tls.Server.GetLeftPart(UriPartial.Authority)}
            certificate-authority-data: {tls.CertificateAuthorityData}

        """;

    private static string TlsContext(string user) => $"""
        - name: {TlsContextName}
          context:
            cluster: {TlsContextName}
            user: {user}
            namespace: default

        """;

    private static void Save(string path, string text)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        File.WriteAllText(path, text);
    }
}
