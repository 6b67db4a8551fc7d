using Orchestrator.Actors.Tests.Scenarios;
using Orchestrator.Cli;
using Orchestrator.Diff;
using Orchestrator.Messages.Deployments;

namespace Orchestrator.Actors.Tests.Audit;

/// <summary>
/// `orchestrator diff` predicts the writes of the following apply exactly: the simulated cluster's write counters,
/// per verb and resource, move by what the diff said (created: a create, changed: an update, a node's labels: a patch),
/// the diff itself writes nothing, and a changed secret shows as changed, never its value.
/// </summary>
public sealed class DiffSpecs
{
    private static readonly string[] WriteVerbs = ["create", "update", "patch", "delete", "deletecollection"];

    [Fact]
    public async Task Diff_predicts_exactly_the_writes_of_the_apply_that_follows_and_never_shows_a_secret()
    {
        await using var harness = await ConvergenceHarness.StartAsync(TestSpecs.ApiAndPinned());
        await harness.StartSystemAsync();
        Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(TestSpecs.ApiAndPinned())).Status);
        var changed = TestSpecs.ApiAndPinned("[DEFAULT]\ndebug = true\n", dbPassword: "n3w-s3cret-value");
        var spec = Path.Combine(harness.Folder, "cloud.yaml");
        await File.WriteAllTextAsync(spec, TestSpecs.ApiAndPinnedYaml("[DEFAULT]\ndebug = true\n", dbPassword: "n3w-s3cret-value"));
        var kubeconfig = harness.Cluster.WriteKubeconfig(Path.Combine(harness.Folder, "kubeconfig"));

        var before = Writes(harness);
        var diff = await DeploymentDiff.PreviewAsync(harness.Adapter, changed, TimeProvider.System, CancellationToken.None);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = await DiffCommand.RunAsync(new FileInfo(spec), false, new FileInfo(kubeconfig), "text", stdout, stderr, CancellationToken.None);
        Assert.Equal(before, Writes(harness));

        var predicted = diff.Objects.Where(o => o.Change != ObjectChange.Unchanged)
            .GroupBy(o => (Verb(o), o.Resource)).ToDictionary(g => g.Key, g => (long)g.Count());
        await harness.Send(changed);
        var expected = predicted.Values.Sum();
        await harness.UntilAsync(s => s.Status == DeploymentStatus.Ready && Delta(before, Writes(harness)).Values.Sum() >= expected);
        var actual = Delta(before, Writes(harness));

        Assert.Equal(1, exit);
        Assert.Equal(predicted.OrderBy(p => p.Key.ToString()), actual.OrderBy(p => p.Key.ToString()));
        Assert.Contains(("update", "secrets"), predicted.Keys);
        Assert.Contains(("update", "configmaps"), predicted.Keys);
        Assert.Contains(("update", "deployments.apps"), predicted.Keys);
        var text = stdout.ToString();
        Assert.Contains("~data.db-password: (secret value changed)", text);
        Assert.Contains("+data.keystone.conf: \"[DEFAULT]\\ndebug = true\\n\"", text);
        Assert.DoesNotContain("s3cret-value", text);
        Assert.DoesNotContain(Convert.ToBase64String("n3w-s3cret-value"u8.ToArray()), text);
        Assert.DoesNotContain(Convert.ToBase64String("s3cret-value"u8.ToArray()), text);
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Diff_names_the_host_units_that_would_restart_and_the_apply_writes_what_it_predicted()
    {
        var artifacts = Directory.CreateTempSubdirectory("orchestrator-artifacts-").FullName;
        await using var harness = await ConvergenceHarness.StartAsync(TestSpecs.WithHostDatabase(artifacts));
        harness.StartAgents();
        await harness.StartSystemAsync();
        Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(TestSpecs.WithHostDatabase(artifacts))).Status);
        var changed = TestSpecs.WithHostDatabase(artifacts, myCnf: "[mysqld]\nport = 3307\n");

        var before = Writes(harness, ours: true);
        var diff = await DeploymentDiff.PreviewAsync(harness.Adapter, changed, TimeProvider.System, CancellationToken.None);
        var predicted = diff.Objects.Where(o => o.Change != ObjectChange.Unchanged)
            .GroupBy(o => (Verb(o), o.Resource)).ToDictionary(g => g.Key, g => (long)g.Count());
        await harness.Send(changed);
        await harness.UntilAsync(s => s.Status == DeploymentStatus.Ready && Delta(before, Writes(harness, ours: true)).Values.Sum() >= predicted.Values.Sum());
        var actual = Delta(before, Writes(harness, ours: true));

        var unit = Assert.Single(diff.Units);
        Assert.Equal(("db-1", "mariadb", "restart"), (unit.Node, unit.Unit, unit.Action));
        Assert.NotEqual(unit.HashBefore, unit.HashAfter);
        Assert.Contains(diff.Objects, o => o is { Kind: "HostUnits", Name: "db-1", Change: ObjectChange.Changed });
        Assert.Equal(predicted.OrderBy(p => p.Key.ToString()), actual.OrderBy(p => p.Key.ToString()));
        Directory.Delete(artifacts, recursive: true);
    }

    [Fact]
    public async Task Diff_of_an_applied_spec_finds_nothing_and_exits_0()
    {
        await using var harness = await ConvergenceHarness.StartAsync(TestSpecs.ApiAndPinned());
        await harness.StartSystemAsync();
        Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(TestSpecs.ApiAndPinned())).Status);
        var spec = Path.Combine(harness.Folder, "cloud.yaml");
        await File.WriteAllTextAsync(spec, TestSpecs.ApiAndPinnedYaml());
        var kubeconfig = harness.Cluster.WriteKubeconfig(Path.Combine(harness.Folder, "kubeconfig"));
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var exit = await DiffCommand.RunAsync(new FileInfo(spec), false, new FileInfo(kubeconfig), "text", stdout, stderr, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.StartsWith("0 created, 0 changed, 0 deleted, ", stdout.ToString().Trim().Split('\n')[^1]);
    }

    [Fact]
    public async Task Diff_with_both_or_neither_cluster_or_an_invalid_spec_is_bad_input()
    {
        var folder = Directory.CreateTempSubdirectory("orchestrator-diff-").FullName;
        var spec = Path.Combine(folder, "cloud.yaml");
        await File.WriteAllTextAsync(spec, "apiVersion: openstack.orchestrator.io/v1alpha1\nkind: OpenStackDeployment\nmetadata: {name: cloud}\nspec: {}\n");
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        Assert.Equal(2, await DiffCommand.RunAsync(new FileInfo(spec), false, null, "text", stdout, stderr, CancellationToken.None));
        Assert.Contains("give exactly one of --simulate or --kubeconfig PATH", stderr.ToString());
        Assert.Equal("", stdout.ToString());
    }

    private static string Verb(ObjectChange change) => change.Change switch
    {
        ObjectChange.Created => "create",
        ObjectChange.Deleted => "delete",
        _ => change.Kind == "Node" ? "patch" : "update",
    };

    /// <summary>
    /// Write requests per verb and resource, without the operator's reports (the OpenStackDeployment's status and its
    /// Events), which say how the change went rather than make it; <paramref name="ours"/> also leaves out the other
    /// status subresources, which the node agents write.
    /// </summary>
    private static Dictionary<(string Verb, string Resource), long> Writes(ConvergenceHarness harness, bool ours = false) =>
        harness.Cluster.Counters.Snapshot().Where(p => WriteVerbs.Contains(p.Key.Verb) && p.Key.Resource != "events"
                && !p.Key.Resource.StartsWith("openstackdeployments.openstack.orchestrator.io/", StringComparison.Ordinal)
                && !(ours && p.Key.Resource.EndsWith("/status", StringComparison.Ordinal)))
            .ToDictionary(p => p.Key, p => p.Value);

    private static Dictionary<(string Verb, string Resource), long> Delta(Dictionary<(string Verb, string Resource), long> before,
        Dictionary<(string Verb, string Resource), long> after) =>
        after.Select(p => (p.Key, Count: p.Value - before.GetValueOrDefault(p.Key))).Where(p => p.Count > 0).ToDictionary(p => p.Key, p => p.Count);
}
