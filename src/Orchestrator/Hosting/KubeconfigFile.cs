using k8s;
using k8s.Exceptions;

namespace Orchestrator.Hosting;

/// <summary>
/// Reads a kubeconfig (its current context) the way the KubernetesClient does, and turns what is wrong with it into
/// one line for `--kubeconfig`: a file that is not YAML, not a kubeconfig, or names a context, cluster or user it does
/// not have. The client's own failures are YamlDotNet and KubeConfigException traces several screens long.
/// </summary>
public static class KubeconfigFile
{
    public static (KubernetesClientConfiguration? Configuration, string? Error) Load(string path, string option = "--kubeconfig")
    {
        if (Directory.Exists(path))
            return (null, $"{option}: {path} is a directory, not a kubeconfig file");
        if (!File.Exists(path))
            return (null, $"{option}: no file at {path}");
        try
        {
            var configuration = Adapters.Kubernetes.KubeconfigDocument.Load(path);
            if (string.IsNullOrWhiteSpace(configuration.Host) || !Uri.TryCreate(configuration.Host, UriKind.Absolute, out _))
                return (null, $"{option}: {path}: the current context's cluster has no server URL");
            return (configuration, null);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            return (null, $"{option}: {path} is not a kubeconfig: {OneLine(e.Message)} (line {e.Start.Line}, column {e.Start.Column})");
        }
        catch (Exception e) when (e is KubeConfigException or FormatException or ArgumentException or InvalidOperationException
                                      or NullReferenceException or IOException or UnauthorizedAccessException
                                      or System.Security.Cryptography.CryptographicException)
        {
            // NullReferenceException: the client reads some documents (an empty file, a list where a map belongs) that far.
            var reason = e is NullReferenceException ? "it is not a kubeconfig (apiVersion v1, kind Config)" : OneLine(e.Message);
            return (null, $"{option}: {path}: {reason}");
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
