namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>
/// `kubectl auth can-i` asks the server (SelfSubjectAccessReview). The simulated cluster enforces no RBAC, so
/// it answers as a real cluster answers its cluster-admin: yes to everything.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class AccessReviewSpecs : ClusterSpecs
{
    [Fact]
    public async Task Auth_can_i_answers_yes_as_for_a_cluster_admin()
    {
        var create = await Kubectl.Run("auth", "can-i", "create", "deployments", "-n", "openstack");
        var delete = await Kubectl.Run("auth", "can-i", "delete", "nodes");

        Assert.Equal((0, "yes\n"), (create.ExitCode, create.Out));
        Assert.Equal((0, "yes\n"), (delete.ExitCode, delete.Out));
    }

    [Fact]
    public async Task An_access_review_cannot_be_listed_as_on_a_real_cluster()
    {
        var listed = await Kubectl.Run("get", "selfsubjectaccessreviews");

        Assert.Equal(1, listed.ExitCode);
        Assert.Contains("(MethodNotAllowed)", listed.Error);
    }
}
