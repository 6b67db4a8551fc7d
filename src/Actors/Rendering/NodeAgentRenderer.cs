using k8s;
using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Rendering;

/// <summary>
/// The node agent: this program as a privileged DaemonSet on every node with a stateful role, with the host's
/// `/` at /host, and the API rights it needs to read its node's `HostUnits` and the files it names, and to
/// report in that object's status. It talks to the orchestrator only through those objects.
/// The agent image needs, besides this program: nothing of the host's own (systemctl and journalctl run inside
/// the host through chroot /host), and `nft` (nftables) only when a host service has `conntrack: false`; without
/// it every other unit installs, and a unit that asks for NOTRACK fails saying that nft is missing.
/// </summary>
public static class NodeAgentRenderer
{
    public const string HostRoot = "/host";

    /// <summary>
    /// The one folder of the agent's container that host services' sources may be copied from (`--source-root`): bake
    /// the virtualenvs into the agent image there, or mount them there. A source elsewhere is refused by the agent.
    /// </summary>
    public const string SourceRoot = "/artifacts";
    private const string NodeNameVariable = "NODE_NAME";

    /// <summary>The name of the agent's ClusterRole and ClusterRoleBinding: cluster-scoped, so owned by no namespace's object.</summary>
    public static string ClusterScopedName(string @namespace) => ResourceNames.NodeAgent + "-" + @namespace;

    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Render(OpenStackDeployment deployment)
    {
        var name = deployment.Metadata.Name;
        var @namespace = deployment.Metadata.Namespace;
        // Cluster-scoped objects carry the namespace, so two deployments never overwrite each other's.
        var clusterName = ClusterScopedName(@namespace);
        var account = new V1ServiceAccount
        {
            ApiVersion = "v1",
            Kind = V1ServiceAccount.KubeKind,
            Metadata = ObjectMetadata.For(ResourceNames.NodeAgent, @namespace, Labels(name)),
        };
        var subject = new Rbacv1Subject { Kind = "ServiceAccount", Name = ResourceNames.NodeAgent, NamespaceProperty = @namespace };
        var clusterRole = new V1ClusterRole
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = V1ClusterRole.KubeKind,
            Metadata = ObjectMetadata.For(clusterName, null, Labels(name)),
            Rules =
            [
                new V1PolicyRule { ApiGroups = [HostUnitsResource.Group], Resources = [HostUnitsResource.Plural], Verbs = ["get", "list", "watch"] },
                new V1PolicyRule { ApiGroups = [HostUnitsResource.Group], Resources = [HostUnitsResource.Plural + "/status"], Verbs = ["get", "update", "patch"] },
            ],
        };
        var clusterBinding = new V1ClusterRoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = V1ClusterRoleBinding.KubeKind,
            Metadata = ObjectMetadata.For(clusterName, null, Labels(name)),
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = V1ClusterRole.KubeKind, Name = clusterName },
            Subjects = [subject],
        };
        var role = new V1Role
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = V1Role.KubeKind,
            Metadata = ObjectMetadata.For(ResourceNames.NodeAgent, @namespace, Labels(name)),
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps", "secrets"], Verbs = ["get", "list", "watch"] }],
        };
        var binding = new V1RoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = V1RoleBinding.KubeKind,
            Metadata = ObjectMetadata.For(ResourceNames.NodeAgent, @namespace, Labels(name)),
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = V1Role.KubeKind, Name = ResourceNames.NodeAgent },
            Subjects = [subject],
        };
        return [account, clusterRole, clusterBinding, role, binding, DaemonSet(deployment)];
    }

    private static V1DaemonSet DaemonSet(OpenStackDeployment deployment)
    {
        var name = deployment.Metadata.Name;
        var selector = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [WellKnown.ComponentLabel] = WellKnown.AgentComponent,
            [WellKnown.DeploymentLabel] = name,
        };
        return new V1DaemonSet
        {
            ApiVersion = "apps/v1",
            Kind = V1DaemonSet.KubeKind,
            Metadata = ObjectMetadata.For(ResourceNames.NodeAgent, deployment.Metadata.Namespace, Labels(name)),
            Spec = new V1DaemonSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = selector },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = Labels(name) },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = ResourceNames.NodeAgent,
                        HostNetwork = true,
                        HostPID = true,
                        DnsPolicy = "ClusterFirstWithHostNet",
                        Affinity = OnStatefulNodes(),
                        // The agent must run wherever a unit must run, even on nodes tainted for other reasons.
                        Tolerations = [new V1Toleration { OperatorProperty = "Exists" }],
                        Containers = [Container(deployment.Spec.AgentImage)],
                        Volumes = [new V1Volume { Name = "host", HostPath = new V1HostPathVolumeSource { Path = "/", Type = "Directory" } }],
                    },
                },
            },
        };
    }

    /// <summary>One node selector term per stateful role: the terms are ORed, so any one role is enough.</summary>
    private static V1Affinity OnStatefulNodes() => new()
    {
        NodeAffinity = new V1NodeAffinity
        {
            RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
            {
                NodeSelectorTerms = NodeRoles.Stateful
                    .Select(role => new V1NodeSelectorTerm
                    {
                        MatchExpressions = [new V1NodeSelectorRequirement { Key = NodeRoles.Label(role), OperatorProperty = "Exists" }],
                    })
                    .ToList(),
            },
        },
    };

    private static V1Container Container(string image) => new()
    {
        Name = "agent",
        Image = image,
        Args = ["agent", "--node", $"$({NodeNameVariable})", "--host-root", HostRoot, "--source-root", SourceRoot],
        Env =
        [
            new V1EnvVar
            {
                Name = NodeNameVariable,
                ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "spec.nodeName" } },
            },
        ],
        // Root whatever the image's USER says: the agent chroots into /host and runs systemctl and nft there. The default
        // agentImage is the operator's, which runs as a non-root user.
        SecurityContext = new V1SecurityContext { Privileged = true, RunAsUser = 0, RunAsNonRoot = false },
        VolumeMounts = [new V1VolumeMount { Name = "host", MountPath = HostRoot, MountPropagation = "HostToContainer" }],
    };

    private static SortedDictionary<string, string> Labels(string deployment)
    {
        var labels = ObjectMetadata.Labels(deployment);
        labels[WellKnown.ComponentLabel] = WellKnown.AgentComponent;
        return labels;
    }
}
