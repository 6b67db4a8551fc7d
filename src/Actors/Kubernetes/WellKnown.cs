namespace Orchestrator.Actors.Kubernetes;

/// <summary>The annotation, label and environment names the orchestrator writes on what it owns.</summary>
public static class WellKnown
{
    /// <summary>Hash of the rendered object; the adapter writes only when the observed one differs.</summary>
    public const string DesiredHashAnnotation = "openstack.orchestrator.io/desired-hash";

    /// <summary>Hash of the ConfigMaps and Secrets a pod template uses; a change rolls exactly its pods.</summary>
    public const string ConfigHashAnnotation = "openstack.orchestrator.io/config-hash";

    /// <summary>The same hash as an environment variable of every container, as DESIGN.md describes.</summary>
    public const string ConfigHashEnvironmentVariable = "OPENSTACK_CONFIG_HASH";

    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "openstack-orchestrator";
    public const string ServiceLabel = "openstack.orchestrator.io/service";
    public const string DeploymentLabel = "openstack.orchestrator.io/deployment";
    public const string ComponentLabel = "app.kubernetes.io/component";

    /// <summary>Label of the node agent's pods, so the simulated kubelet knows which pods run an agent.</summary>
    public const string AgentComponent = "node-agent";
}
