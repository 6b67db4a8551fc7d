namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>
/// Requests made with a service account's token are authorized by the RBAC objects the cluster holds, and refused
/// with the real API server's Forbidden message in its three shapes (namespaced, cluster scope, path).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class RbacSpecs : ServiceAccountSpecs
{
    [Fact]
    public async Task A_service_account_without_bindings_is_refused_a_named_object_in_the_real_wording()
    {
        var sa = await AsServiceAccount();

        var get = await sa.Run("get", "deployment", "keystone", "-n", "openstack");

        AssertRefused(get, $"deployments.apps \"keystone\" is forbidden: User \"{Orchestrator}\" cannot get resource \"deployments\" in API group \"apps\" in the namespace \"openstack\"");
    }

    [Fact]
    public async Task Lists_are_refused_without_a_name_in_a_namespace_or_at_the_cluster_scope()
    {
        var sa = await AsServiceAccount();

        var inNamespace = await sa.Run("get", "deployments", "-n", "openstack");
        var everywhere = await sa.Run("get", "deployments", "-A");
        var nodes = await sa.Run("get", "nodes");

        AssertRefused(inNamespace, $"deployments.apps is forbidden: User \"{Orchestrator}\" cannot list resource \"deployments\" in API group \"apps\" in the namespace \"openstack\"");
        AssertRefused(everywhere, $"deployments.apps is forbidden: User \"{Orchestrator}\" cannot list resource \"deployments\" in API group \"apps\" at the cluster scope");
        AssertRefused(nodes, $"nodes is forbidden: User \"{Orchestrator}\" cannot list resource \"nodes\" in API group \"\" at the cluster scope");
    }

    [Fact]
    public async Task A_role_binding_grants_its_role_in_its_own_namespace_only()
    {
        var sa = await AsServiceAccount();
        await Admin(Namespaces("openstack", "other") + """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: reader, namespace: openstack}
            rules:
            - {apiGroups: [apps], resources: [deployments], verbs: [get, list]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: reader, namespace: openstack}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
            subjects: [{kind: ServiceAccount, name: orchestrator, namespace: kube-system}]
            """);

        var get = await sa.Run("get", "deployment", "keystone", "-n", "openstack");
        var list = await sa.Run("get", "deployments", "-n", "openstack");
        var elsewhere = await sa.Run("get", "deployments", "-n", "other");
        var delete = await sa.Run("delete", "deployment", "keystone", "-n", "openstack");

        Assert.Equal("Error from server (NotFound): deployments.apps \"keystone\" not found\n", get.Error);
        Assert.Equal((0, "No resources found in openstack namespace.\n"), (list.ExitCode, list.Error));
        AssertRefused(elsewhere, $"deployments.apps is forbidden: User \"{Orchestrator}\" cannot list resource \"deployments\" in API group \"apps\" in the namespace \"other\"");
        AssertRefused(delete, $"deployments.apps \"keystone\" is forbidden: User \"{Orchestrator}\" cannot delete resource \"deployments\" in API group \"apps\" in the namespace \"openstack\"");
    }

    [Fact]
    public async Task A_cluster_role_binding_grants_everywhere_and_a_group_subject_matches_the_service_account_groups()
    {
        var sa = await AsServiceAccount();
        await Admin("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: node-reader}
            rules:
            - {apiGroups: [""], resources: [nodes], verbs: [list]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: node-reader}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-reader}
            subjects: [{kind: Group, name: "system:serviceaccounts:kube-system", apiGroup: rbac.authorization.k8s.io}]
            """);

        var nodes = await sa.Run("get", "nodes", "-o", "name");

        Assert.Equal((0, "node/node-1\nnode/node-2\nnode/node-3\n"), (nodes.ExitCode, nodes.Out));
    }

    [Fact]
    public async Task Resource_names_subresources_and_watch_are_authorized_separately()
    {
        var sa = await AsServiceAccount();
        await Admin(Namespaces("openstack") + """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: allowed, namespace: openstack}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: other, namespace: openstack}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: narrow, namespace: openstack}
            rules:
            - {apiGroups: [""], resources: [configmaps], resourceNames: [allowed], verbs: [get]}
            - {apiGroups: [""], resources: [pods], verbs: [list]}
            - {apiGroups: [apps], resources: [deployments], verbs: [get]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: narrow, namespace: openstack}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: narrow}
            subjects: [{kind: ServiceAccount, name: orchestrator, namespace: kube-system}]
            """);

        var named = await sa.Run("get", "configmap", "allowed", "-n", "openstack", "-o", "name");
        var unnamed = await sa.Run("get", "configmap", "other", "-n", "openstack");
        var watch = await sa.Run("get", "--raw", "/api/v1/namespaces/openstack/pods?watch=1");
        var status = await sa.Run("get", "--raw", "/apis/apps/v1/namespaces/openstack/deployments/keystone/status");

        Assert.Equal((0, "configmap/allowed\n"), (named.ExitCode, named.Out));
        AssertRefused(unnamed, $"configmaps \"other\" is forbidden: User \"{Orchestrator}\" cannot get resource \"configmaps\" in API group \"\" in the namespace \"openstack\"");
        AssertRefused(watch, $"pods is forbidden: User \"{Orchestrator}\" cannot watch resource \"pods\" in API group \"\" in the namespace \"openstack\"");
        AssertRefused(status, $"deployments.apps \"keystone\" is forbidden: User \"{Orchestrator}\" cannot get resource \"deployments/status\" in API group \"apps\" in the namespace \"openstack\"");
    }

    [Fact]
    public async Task A_binding_to_a_missing_role_adds_the_authorizers_reason()
    {
        var sa = await AsServiceAccount();
        await Admin("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: dangling}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: missing}
            subjects: [{kind: ServiceAccount, name: orchestrator, namespace: kube-system}]
            """);

        var secrets = await sa.Run("get", "secrets", "-n", "default");

        AssertRefused(secrets, $"secrets is forbidden: User \"{Orchestrator}\" cannot list resource \"secrets\" in API group \"\" in the namespace \"default\": RBAC: clusterrole.rbac.authorization.k8s.io \"missing\" not found");
    }

    [Fact]
    public async Task Discovery_is_open_to_every_authenticated_user_but_metrics_is_a_refused_path()
    {
        var sa = await AsServiceAccount();

        var resources = await sa.Run("api-resources", "--api-group", "apps", "-o", "name");
        var version = await sa.Run("get", "--raw", "/version");
        var metrics = await sa.Run("get", "--raw", "/metrics");

        Assert.True(resources.ExitCode == 0, resources.ToString());
        Assert.Contains("deployments.apps", resources.Out);
        Assert.Equal(0, version.ExitCode);
        AssertRefused(metrics, $"forbidden: User \"{Orchestrator}\" cannot get path \"/metrics\"");
    }

    [Fact]
    public async Task The_admin_stays_all_powerful()
    {
        await AsServiceAccount();

        var delete = await Kubectl.Run("delete", "serviceaccount", "orchestrator", "-n", "kube-system");
        var metrics = await Kubectl.Run("get", "--raw", "/metrics");

        Assert.Equal(0, delete.ExitCode);
        Assert.Equal(0, metrics.ExitCode);
    }

    private static string Namespaces(params string[] names) =>
        string.Concat(names.Select(n => $"apiVersion: v1\nkind: Namespace\nmetadata: {{name: {n}}}\n---\n"));
}
