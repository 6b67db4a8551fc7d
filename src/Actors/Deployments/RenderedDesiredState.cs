using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Rendering;
using Orchestrator.Messages.Spec;
using k8s.Models;

namespace Orchestrator.Actors.Deployments;

/// <summary>
/// <see cref="IDesiredState"/> over the renderer. A generated TLS key and the deployment's hash key are read back from
/// their Secrets before rendering, so each is made once and every later rendering (and so every desired hash) stays the
/// same. It keeps nothing between calls: the caller hands in its previous rendering, which is returned again when the
/// deployment object and both read-back inputs are the ones it was made from and its certificate still serves (the
/// renderer is a function of those and of the clock, which matters only for whether a certificate serves).
/// </summary>
public sealed class RenderedDesiredState(IKubernetes kubernetes, TimeProvider clock) : IDesiredState
{
    public async Task<DesiredDeployment> RenderAsync(OpenStackDeployment deployment, DesiredDeployment? previous, CancellationToken cancellationToken)
    {
        // Both reads at once: the first dependency level waits for this rendering.
        var tlsSecret = deployment.Spec.Tls.Generate
            ? kubernetes.GetAsync<V1Secret>(deployment.Metadata.Namespace, deployment.Spec.Tls.SecretName, cancellationToken)
            : Task.FromResult<V1Secret?>(null);
        var keySecret = await kubernetes.GetAsync<V1Secret>(deployment.Metadata.Namespace, ResourceNames.HashKeySecret, cancellationToken);
        var existing = deployment.Spec.Tls.Generate ? TlsMaterial.FromSecretData((await tlsSecret)?.Data) : null;
        var key = HashKey.FromSecretData(keySecret?.Data);
        if (previous is not null && ReferenceEquals(previous.Deployment, deployment) && previous.MadeFrom(existing, key, clock.GetUtcNow()))
            return previous;
        return new DesiredDeployment(deployment, DesiredStateRenderer.Render(deployment, existing, clock, key));
    }
}
