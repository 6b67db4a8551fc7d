namespace Orchestrator.Messages.Spec;

/// <summary>
/// The user's whole description of one OpenStack installation: the document of `apply -f` and the
/// custom resource that `orchestrator run` watches. Field names are the contract (DESIGN.md).
/// </summary>
public sealed record OpenStackDeployment(
    string ApiVersion,
    string Kind,
    DeploymentMetadata Metadata,
    DeploymentSpec Spec)
{
    public const string Group = "openstack.orchestrator.io";
    public const string Version = "v1alpha1";
    public const string ExpectedApiVersion = Group + "/" + Version;
    public const string ExpectedKind = "OpenStackDeployment";
}

/// <summary>
/// Name and namespace from the document; <see cref="Uid"/> only when the deployment was read from the cluster (a
/// custom resource), so that what is rendered for it can carry an owner reference. A spec file never sets it.
/// </summary>
public sealed record DeploymentMetadata(string Name, string Namespace, string? Uid = null);
