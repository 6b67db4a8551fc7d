namespace Orchestrator.Messages.Spec;

public sealed record DeploymentSpec(
    string Domain,
    TlsSpec Tls,
    IReadOnlyList<NodeSpec> Nodes,
    IReadOnlyList<ServiceSpec> Services,
    string AgentImage = DeploymentSpec.DefaultAgentImage)
{
    /// <summary>The image of the node agent DaemonSet (the orchestrator's own image) when the spec names none.</summary>
    public const string DefaultAgentImage = "ghcr.io/openstack-orchestrator/orchestrator:0.1.0";
}

/// <summary>The Ingress TLS Secret: used as it is, or made once as a self-signed wildcard when Generate.</summary>
public sealed record TlsSpec(string SecretName, bool Generate);

/// <summary>A Kubernetes node and the roles it plays; each role becomes the label openstack-&lt;role&gt;="".</summary>
public sealed record NodeSpec(string Name, IReadOnlyList<string> Roles);
