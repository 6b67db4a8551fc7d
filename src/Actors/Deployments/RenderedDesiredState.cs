using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Rendering;
using Orchestrator.Messages.Spec;
using k8s.Models;

namespace Orchestrator.Actors.Deployments;

/// <summary>
/// <see cref="IDesiredState"/> over the renderer. A generated TLS key is read back from the cluster's Secret before
/// rendering, so a key is made once and every later rendering (and so every desired hash) stays the same. It keeps
/// nothing between calls.
/// </summary>
public sealed class RenderedDesiredState(IKubernetes kubernetes, TimeProvider clock) : IDesiredState
{
    public async Task<DesiredDeployment> RenderAsync(OpenStackDeployment deployment, CancellationToken cancellationToken)
    {
        TlsMaterial? existing = null;
        if (deployment.Spec.Tls.Generate)
        {
            var secret = await kubernetes.GetAsync<V1Secret>(deployment.Metadata.Namespace, deployment.Spec.Tls.SecretName, cancellationToken);
            existing = TlsMaterial.FromSecretData(secret?.Data);
        }
        return new DesiredDeployment(deployment, DesiredStateRenderer.Render(deployment, existing, clock));
    }
}
