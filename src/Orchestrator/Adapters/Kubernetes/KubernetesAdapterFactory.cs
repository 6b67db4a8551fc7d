using k8s;
using Serilog;

namespace Orchestrator.Adapters.Kubernetes;

/// <summary>Builds the adapter from where the cluster is described: a kubeconfig file, or the pod's in-cluster account.</summary>
public static class KubernetesAdapterFactory
{
    /// <summary>From a kubeconfig file (its current context), as `apply --kubeconfig PATH` and `run --kubeconfig` use.</summary>
    public static KubernetesAdapter FromKubeconfig(string path, ILogger logger, KubernetesAdapterOptions? options = null)
    {
        if (!File.Exists(path))
            throw new ArgumentException($"--kubeconfig: no file at {path}", nameof(path));
        return FromConfiguration(KubeconfigDocument.Load(path), logger, options);
    }

    /// <summary>From the service account Kubernetes mounts into the orchestrator's pods (`run` without --kubeconfig).</summary>
    public static KubernetesAdapter InCluster(ILogger logger, KubernetesAdapterOptions? options = null)
    {
        if (!KubernetesClientConfiguration.IsInCluster())
            throw new InvalidOperationException("not running in a Kubernetes pod (no service account token); pass --kubeconfig");
        return FromConfiguration(KubernetesClientConfiguration.InClusterConfig(), logger, options);
    }

    public static KubernetesAdapter FromConfiguration(
        KubernetesClientConfiguration configuration, ILogger logger, KubernetesAdapterOptions? options = null, params DelegatingHandler[] handlers) =>
        new(new KubernetesRestClient(configuration, [new ApiRequestMetrics(), .. handlers]), options ?? new KubernetesAdapterOptions(), logger);
}
