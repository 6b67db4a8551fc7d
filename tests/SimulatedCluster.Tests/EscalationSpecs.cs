namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>
/// RBAC's escalation rule: a service account may write a Role or a binding only for rights it holds itself,
/// unless it holds `escalate` (roles) or `bind` (bindings) on that role.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class EscalationSpecs : ServiceAccountSpecs
{
    private const string Groups = "[\"system:serviceaccounts\" \"system:serviceaccounts:kube-system\" \"system:authenticated\"]";

    private static string RoleWriter(string extraRules = "") => $$"""
        apiVersion: v1
        kind: Namespace
        metadata: {name: openstack}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: role-writer}
        rules:
        - {apiGroups: [rbac.authorization.k8s.io], resources: [roles, rolebindings], verbs: [create]}
        - {apiGroups: [""], resources: [configmaps], verbs: [get, list]}
        {{extraRules}}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: role-writer}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: role-writer}
        subjects: [{kind: ServiceAccount, name: orchestrator, namespace: kube-system}]
        """;

    [Fact]
    public async Task A_role_within_the_writers_rights_is_created_and_one_beyond_them_is_refused_naming_what_is_missing()
    {
        var sa = await AsServiceAccount();
        await Admin(RoleWriter());

        var within = await sa.Run("create", "role", "reader", "--verb", "get", "--resource", "configmaps", "-n", "openstack");
        var beyond = await sa.Run("create", "role", "snoop", "--verb", "get,list", "--verb", "get", "--resource", "secrets,configmaps", "-n", "openstack");

        Assert.True(within.ExitCode == 0, within.ToString());
        AssertRefused(beyond, $"roles.rbac.authorization.k8s.io \"snoop\" is forbidden: user \"{Orchestrator}\" (groups={Groups}) is attempting to grant RBAC permissions not currently held:\n{{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\" \"list\"]}}");
    }

    [Fact]
    public async Task Widening_an_existing_role_by_a_patch_is_refused_as_its_creation_would_be()
    {
        var sa = await AsServiceAccount();
        await Admin(RoleWriter("- {apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [get, patch]}"));
        var created = await sa.Run("create", "role", "reader", "--verb", "get", "--resource", "configmaps", "-n", "openstack");
        Assert.True(created.ExitCode == 0, created.ToString());

        var widened = await sa.Run("patch", "role", "reader", "-n", "openstack", "--type", "json",
            "-p", "[{\"op\":\"add\",\"path\":\"/rules/-\",\"value\":{\"apiGroups\":[\"\"],\"resources\":[\"secrets\"],\"verbs\":[\"get\"]}}]");
        var stored = await Kubectl.Run("get", "role", "reader", "-n", "openstack", "-o", "jsonpath={.rules[*].resources}");

        AssertRefused(widened, $"roles.rbac.authorization.k8s.io \"reader\" is forbidden: user \"{Orchestrator}\" (groups={Groups}) is attempting to grant RBAC permissions not currently held:\n{{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\"]}}");
        Assert.Equal("[\"configmaps\"]", stored.Out);
    }

    [Fact]
    public async Task The_escalate_verb_lets_a_writer_grant_more_than_it_holds()
    {
        var sa = await AsServiceAccount();
        await Admin(RoleWriter("- {apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [escalate]}"));

        var beyond = await sa.Run("create", "role", "snoop", "--verb", "get", "--resource", "secrets", "-n", "openstack");

        Assert.True(beyond.ExitCode == 0, beyond.ToString());
    }

    [Fact]
    public async Task Binding_a_role_needs_its_rights_or_the_bind_verb_on_it()
    {
        var sa = await AsServiceAccount();
        await Admin(RoleWriter());

        var refused = await sa.Run("create", "rolebinding", "admins", "--clusterrole", "cluster-admin", "--serviceaccount", "kube-system:orchestrator", "-n", "openstack");
        await Admin("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: binder}
            rules:
            - {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind], resourceNames: [cluster-admin]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: binder}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: binder}
            subjects: [{kind: ServiceAccount, name: orchestrator, namespace: kube-system}]
            """);
        var bound = await sa.Run("create", "rolebinding", "admins", "--clusterrole", "cluster-admin", "--serviceaccount", "kube-system:orchestrator", "-n", "openstack");

        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith($"error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io \"admins\" is forbidden: user \"{Orchestrator}\" (groups={Groups}) is attempting to grant RBAC permissions not currently held:\n", refused.Error);
        Assert.True(bound.ExitCode == 0, bound.ToString());
    }
}
