namespace Orchestrator.SimulatedCluster.Resources;

/// <summary>The built-in kinds the orchestrator and kubectl use, with the names and scopes the real API serves.</summary>
public static class BuiltInResources
{
    public static readonly ResourceType Namespaces = new("", "v1", "namespaces", "namespace", "Namespace", false, ["ns"], HasStatus: true);
    public static readonly ResourceType Nodes = new("", "v1", "nodes", "node", "Node", false, ["no"], HasStatus: true);
    public static readonly ResourceType Pods = new("", "v1", "pods", "pod", "Pod", true, ["po"], HasStatus: true);
    public static readonly ResourceType ConfigMaps = new("", "v1", "configmaps", "configmap", "ConfigMap", true, ["cm"]);
    public static readonly ResourceType Secrets = new("", "v1", "secrets", "secret", "Secret", true, []);
    public static readonly ResourceType Services = new("", "v1", "services", "service", "Service", true, ["svc"], HasStatus: true);
    public static readonly ResourceType ServiceAccounts = new("", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, ["sa"]);
    public static readonly ResourceType Events = new("", "v1", "events", "event", "Event", true, ["ev"]);
    public static readonly ResourceType Endpoints = new("", "v1", "endpoints", "endpoints", "Endpoints", true, ["ep"]);
    public static readonly ResourceType PersistentVolumeClaims = new("", "v1", "persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", true, ["pvc"], HasStatus: true);
    public static readonly ResourceType Deployments = new("apps", "v1", "deployments", "deployment", "Deployment", true, ["deploy"], HasStatus: true, TracksGeneration: true);
    public static readonly ResourceType ReplicaSets = new("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, ["rs"], HasStatus: true, TracksGeneration: true);
    public static readonly ResourceType StatefulSets = new("apps", "v1", "statefulsets", "statefulset", "StatefulSet", true, ["sts"], HasStatus: true, TracksGeneration: true);
    public static readonly ResourceType DaemonSets = new("apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, ["ds"], HasStatus: true, TracksGeneration: true);
    public static readonly ResourceType ControllerRevisions = new("apps", "v1", "controllerrevisions", "controllerrevision", "ControllerRevision", true, []);
    public static readonly ResourceType Ingresses = new("networking.k8s.io", "v1", "ingresses", "ingress", "Ingress", true, ["ing"], HasStatus: true, TracksGeneration: true);
    public static readonly ResourceType Leases = new("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, []);
    public static readonly ResourceType PodDisruptionBudgets = new("policy", "v1", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", true, ["pdb"], HasStatus: true, TracksGeneration: true);
    public static readonly ResourceType Roles = new("rbac.authorization.k8s.io", "v1", "roles", "role", "Role", true, []);
    public static readonly ResourceType RoleBindings = new("rbac.authorization.k8s.io", "v1", "rolebindings", "rolebinding", "RoleBinding", true, []);
    public static readonly ResourceType ClusterRoles = new("rbac.authorization.k8s.io", "v1", "clusterroles", "clusterrole", "ClusterRole", false, []);
    public static readonly ResourceType ClusterRoleBindings = new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false, []);
    public static readonly ResourceType SelfSubjectAccessReviews = new("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "selfsubjectaccessreview", "SelfSubjectAccessReview", false, [], CreateOnly: true);
    public static readonly ResourceType SelfSubjectRulesReviews = new("authorization.k8s.io", "v1", "selfsubjectrulesreviews", "selfsubjectrulesreview", "SelfSubjectRulesReview", false, [], CreateOnly: true);
    public static readonly ResourceType CustomResourceDefinitions = new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition", false, ["crd", "crds"], HasStatus: true, TracksGeneration: true);

    public static IReadOnlyList<ResourceType> All { get; } =
    [
        Namespaces, Nodes, Pods, ConfigMaps, Secrets, Services, ServiceAccounts, Events, Endpoints, PersistentVolumeClaims,
        Deployments, ReplicaSets, StatefulSets, DaemonSets, ControllerRevisions, Ingresses, Leases, PodDisruptionBudgets,
        Roles, RoleBindings, ClusterRoles, ClusterRoleBindings, SelfSubjectAccessReviews, SelfSubjectRulesReviews, CustomResourceDefinitions,
    ];
}
