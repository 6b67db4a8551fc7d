using k8s;
using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Rendering;

/// <summary>
/// The node agent: this program as a privileged DaemonSet on each node with a stateful role, with the host's
/// `/` at /host, and the API rights it needs to read its node's `HostUnits` and the files it names, and to
/// report in that object's status. It talks to the orchestrator only through those objects.
/// Each node's agent has an identity of its own (a ServiceAccount, and a DaemonSet pinned to that node that runs as
/// it), because RBAC grants to identities: with one account for every agent, any agent could read every node's units
/// and Secrets and write every node's status. Its rules name their objects (resourceNames): its node's HostUnits and
/// that object's status, and only the ConfigMaps and Secrets of the units on its node and the deployment's hash key,
/// with `get` alone, the one verb resourceNames fully limits and all the agent needs of them (it watches its HostUnits
/// with a field selector on its name, which RBAC authorizes as that name).
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

    /// <summary>The name of a node's agent objects in the deployment's namespace (ServiceAccount, Role, binding, DaemonSet).</summary>
    public static string Name(string node) => ResourceNames.NodeAgent + "-" + node;

    /// <summary>The name of a node agent's ClusterRole and ClusterRoleBinding: cluster-scoped, so owned by no namespace's object.</summary>
    public static string ClusterScopedName(string @namespace, string node) => ResourceNames.NodeAgent + "-" + @namespace + "-" + node;

    /// <param name="hostUnits">Each stateful node's HostUnits: the node's agent may read exactly the ConfigMaps and Secrets they name.</param>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Render(OpenStackDeployment deployment, IReadOnlyList<HostUnitsResource> hostUnits) =>
        hostUnits.SelectMany(h => ForNode(deployment, h)).ToList();

    private static IEnumerable<IKubernetesObject<V1ObjectMeta>> ForNode(OpenStackDeployment deployment, HostUnitsResource hostUnits)
    {
        var name = deployment.Metadata.Name;
        var @namespace = deployment.Metadata.Namespace;
        var node = hostUnits.Metadata.Name;
        var agent = Name(node);
        // Cluster-scoped objects carry the namespace, so two deployments never overwrite each other's.
        var clusterName = ClusterScopedName(@namespace, node);
        var subject = new Rbacv1Subject { Kind = "ServiceAccount", Name = agent, NamespaceProperty = @namespace };
        yield return new V1ServiceAccount
        {
            ApiVersion = "v1",
            Kind = V1ServiceAccount.KubeKind,
            Metadata = ObjectMetadata.For(agent, @namespace, Labels(name)),
        };
        yield return new V1ClusterRole
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = V1ClusterRole.KubeKind,
            Metadata = ObjectMetadata.For(clusterName, null, Labels(name)),
            Rules =
            [
                new V1PolicyRule { ApiGroups = [HostUnitsResource.Group], Resources = [HostUnitsResource.Plural], ResourceNames = [node], Verbs = ["get", "list", "watch"] },
                new V1PolicyRule { ApiGroups = [HostUnitsResource.Group], Resources = [HostUnitsResource.Plural + "/status"], ResourceNames = [node], Verbs = ["get", "update", "patch"] },
            ],
        };
        yield return new V1ClusterRoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = V1ClusterRoleBinding.KubeKind,
            Metadata = ObjectMetadata.For(clusterName, null, Labels(name)),
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = V1ClusterRole.KubeKind, Name = clusterName },
            Subjects = [subject],
        };
        var units = hostUnits.Spec.Units.Where(u => u.Namespace == @namespace).ToList();
        var configMaps = units.Select(u => u.ConfigMap).Where(n => n.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        var secrets = units.Select(u => u.Secret).Where(n => n.Length > 0).Append(ResourceNames.HashKeySecret)
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var rules = new List<V1PolicyRule>();
        // Never a rule with empty resourceNames: that would mean every name.
        if (configMaps.Count > 0)
            rules.Add(new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], ResourceNames = configMaps, Verbs = ["get"] });
        rules.Add(new V1PolicyRule { ApiGroups = [""], Resources = ["secrets"], ResourceNames = secrets, Verbs = ["get"] });
        yield return new V1Role
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = V1Role.KubeKind,
            Metadata = ObjectMetadata.For(agent, @namespace, Labels(name)),
            Rules = rules,
        };
        yield return new V1RoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = V1RoleBinding.KubeKind,
            Metadata = ObjectMetadata.For(agent, @namespace, Labels(name)),
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = V1Role.KubeKind, Name = agent },
            Subjects = [subject],
        };
        yield return DaemonSet(deployment, node);
    }

    private static V1DaemonSet DaemonSet(OpenStackDeployment deployment, string node)
    {
        var name = deployment.Metadata.Name;
        var agent = Name(node);
        var selector = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [WellKnown.ComponentLabel] = WellKnown.AgentComponent,
            [WellKnown.DeploymentLabel] = name,
            [AgentLabel] = agent,
        };
        var labels = Labels(name);
        labels[AgentLabel] = agent;
        return new V1DaemonSet
        {
            ApiVersion = "apps/v1",
            Kind = V1DaemonSet.KubeKind,
            Metadata = ObjectMetadata.For(agent, deployment.Metadata.Namespace, Labels(name)),
            Spec = new V1DaemonSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = selector },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = agent,
                        HostNetwork = true,
                        HostPID = true,
                        DnsPolicy = "ClusterFirstWithHostNet",
                        Affinity = OnStatefulNode(node),
                        // The agent must run wherever a unit must run, even on nodes tainted for other reasons.
                        Tolerations = [new V1Toleration { OperatorProperty = "Exists" }],
                        Containers = [Container(deployment.Spec.AgentImage)],
                        Volumes = [new V1Volume { Name = "host", HostPath = new V1HostPathVolumeSource { Path = "/", Type = "Directory" } }],
                    },
                },
            },
        };
    }

    /// <summary>Tells one node's agent pods from another's: each DaemonSet selects only its own.</summary>
    private const string AgentLabel = "openstack.orchestrator.io/agent";

    /// <summary>
    /// The one node, while it has a stateful role: one node selector term per role, each also naming the node (terms
    /// are ORed, a term's requirements ANDed), so any one role is enough and no other node matches.
    /// </summary>
    private static V1Affinity OnStatefulNode(string node) => new()
    {
        NodeAffinity = new V1NodeAffinity
        {
            RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
            {
                NodeSelectorTerms = NodeRoles.Stateful
                    .Select(role => new V1NodeSelectorTerm
                    {
                        MatchExpressions = [new V1NodeSelectorRequirement { Key = NodeRoles.Label(role), OperatorProperty = "Exists" }],
                        MatchFields = [new V1NodeSelectorRequirement { Key = "metadata.name", OperatorProperty = "In", Values = [node] }],
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
