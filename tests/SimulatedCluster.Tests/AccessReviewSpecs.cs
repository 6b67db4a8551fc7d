namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>
/// `kubectl auth can-i` asks the server (SelfSubjectAccessReview, SelfSubjectRulesReview), which answers from RBAC
/// for the user the request acts as: the admin (system:masters, yes to everything), a service account, or whoever
/// the admin impersonates with `--as`.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class AccessReviewSpecs : ServiceAccountSpecs
{
    private const string Deployer = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: deployer}
        rules:
        - {apiGroups: [apps], resources: [deployments], verbs: [get, create]}
        - {apiGroups: [openstack.orchestrator.io], resources: [openstackdeployments/status], verbs: [update]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: deployer}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: deployer}
        subjects: [{kind: ServiceAccount, name: orchestrator, namespace: kube-system}]
        """;

    [Fact]
    public async Task Auth_can_i_answers_yes_for_the_admin()
    {
        var create = await Kubectl.Run("auth", "can-i", "create", "deployments", "-n", "openstack");
        var delete = await Kubectl.Run("auth", "can-i", "delete", "nodes");

        Assert.Equal((0, "yes\n"), (create.ExitCode, create.Out));
        Assert.Equal((0, "yes\n"), (delete.ExitCode, delete.Out));
    }

    [Fact]
    public async Task Auth_can_i_as_a_service_account_answers_from_its_bindings()
    {
        await AsServiceAccount();
        await Admin(Deployer);
        var crd = await Kubectl.Run("apply", "-f", Path.Combine(RepositoryRoot, "deploy", "crds", "openstackdeployments.openstack.orchestrator.io.yaml"));
        Assert.True(crd.ExitCode == 0, crd.ToString());

        var create = await Kubectl.Run("auth", "can-i", "create", "deployments", "-n", "openstack", "--as", Orchestrator);
        var delete = await Kubectl.Run("auth", "can-i", "delete", "deployments", "-n", "openstack", "--as", Orchestrator);
        var status = await Kubectl.Run("auth", "can-i", "update", "openstackdeployments.openstack.orchestrator.io", "--subresource", "status", "-n", "openstack", "--as", Orchestrator);
        var main = await Kubectl.Run("auth", "can-i", "update", "openstackdeployments.openstack.orchestrator.io", "-n", "openstack", "--as", Orchestrator);

        Assert.Equal((0, "yes\n"), (create.ExitCode, create.Out));
        Assert.Equal((1, "no\n"), (delete.ExitCode, delete.Out));
        Assert.Equal((0, "yes\n"), (status.ExitCode, status.Out));
        Assert.Equal((1, "no\n"), (main.ExitCode, main.Out));
    }

    [Fact]
    public async Task The_service_account_itself_gets_the_same_answers_and_lists_its_rules()
    {
        var sa = await AsServiceAccount();
        await Admin(Deployer);

        var create = await sa.Run("auth", "can-i", "create", "deployments", "-n", "openstack");
        var nodes = await sa.Run("auth", "can-i", "list", "nodes");
        var list = await sa.Run("auth", "can-i", "--list", "-n", "openstack");

        Assert.Equal((0, "yes\n"), (create.ExitCode, create.Out));
        Assert.Equal((1, "no\n"), (nodes.ExitCode, nodes.Out));
        Assert.Matches(@"(?m)^deployments\.apps\s+\[\]\s+\[\]\s+\[get create\]$", list.Out);
        Assert.Matches(@"(?m)^selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]$", list.Out);
        Assert.DoesNotContain("*.*", list.Out);
    }

    [Fact]
    public async Task Impersonating_a_group_grants_what_that_group_is_bound_to()
    {
        await Admin("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: auditors}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:monitoring}
            subjects: [{kind: Group, name: auditors, apiGroup: rbac.authorization.k8s.io}]
            """);

        var member = await Kubectl.Run("auth", "can-i", "get", "/metrics", "--as", "jane", "--as-group", "auditors");
        var outsider = await Kubectl.Run("auth", "can-i", "get", "/metrics", "--as", "jane");

        Assert.Equal((0, "yes\n"), (member.ExitCode, member.Out));
        Assert.Equal((1, "no\n"), (outsider.ExitCode, outsider.Out));
    }

    [Fact]
    public async Task A_service_account_may_not_impersonate_without_the_impersonate_verb()
    {
        var sa = await AsServiceAccount();

        // --raw skips discovery, whose refusal kubectl reports only as "unknown" (as against a real server).
        var user = await sa.Run("get", "--raw", "/api/v1/namespaces/default/pods", "--as", "jane");
        var account = await sa.Run("get", "--raw", "/api/v1/namespaces/default/pods", "--as", "system:serviceaccount:default:default");

        AssertRefused(user, $"users \"jane\" is forbidden: User \"{Orchestrator}\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope");
        AssertRefused(account, $"serviceaccounts \"default\" is forbidden: User \"{Orchestrator}\" cannot impersonate resource \"serviceaccounts\" in API group \"\" in the namespace \"default\"");
    }

    [Fact]
    public async Task An_access_review_cannot_be_listed_as_on_a_real_cluster()
    {
        var listed = await Kubectl.Run("get", "selfsubjectaccessreviews");

        Assert.Equal(1, listed.ExitCode);
        Assert.Contains("(MethodNotAllowed)", listed.Error);
    }
}
