using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Operator;
using Orchestrator.Actors.Ports;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Hosting;

/// <summary>
/// What `apply -f` writes before it runs the operator: the OpenStackDeployment CRD (when the cluster lacks it or holds
/// another version of it) and the object itself, created or its spec replaced (its status, finalizers and foreign
/// annotations kept). Both are written only when they differ, so applying an unchanged spec writes nothing.
/// </summary>
public static class DeploymentObject
{
    /// <summary>Writes both and returns the object's metadata.generation, the one the operator must reach.</summary>
    public static async Task<long> WriteAsync(IKubernetes kubernetes, OpenStackDeployment deployment, CancellationToken cancellationToken)
    {
        await kubernetes.ApplyAsync(OpenStackDeploymentDefinition.Create(), cancellationToken);
        // The object needs its namespace. Made only when absent: the deployment's own rendering of the namespace
        // (with its labels) then replaces it once, and the two never take turns.
        var ns = deployment.Metadata.Namespace;
        if (await kubernetes.GetAsync<V1Namespace>(null, ns, cancellationToken) is null)
            await kubernetes.ApplyAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken);
        await kubernetes.ApplyAsync(CustomResourceSpec.ToResource(deployment), cancellationToken);
        var written = await kubernetes.GetAsync<OpenStackDeploymentResource>(deployment.Metadata.Namespace, deployment.Metadata.Name, cancellationToken)
            ?? throw new InvalidOperationException($"the OpenStackDeployment {deployment.Metadata.Namespace}/{deployment.Metadata.Name} vanished right after it was written");
        return written.Metadata.Generation ?? 0;
    }
}
