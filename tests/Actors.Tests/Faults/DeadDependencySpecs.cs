using Orchestrator.Actors.Tests.EndToEnd;
using Orchestrator.SimulatedCluster;

namespace Orchestrator.Actors.Tests.Faults;

/// <summary>
/// A journal or a cluster that cannot be used ends the command with exit 1 and one line naming it and the cause,
/// before anything is written to the cluster (the cluster, hosted by the test, counts the writes).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class DeadDependencySpecs : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private HostedCluster _hosted = null!;

    private SimulatedCluster.SimulatedCluster Cluster => _hosted.Cluster;

    private string Folder => _hosted.Folder;

    public async Task InitializeAsync() => _hosted = await HostedCluster.StartAsync("orchestrator-dead-");

    public async Task DisposeAsync() => await _hosted.DisposeAsync();

    private string Spec() => _hosted.CopySpec();

    public static TheoryData<string, string> DeadJournals() => new()
    {
        { "corrupt", "not a SQLite database" },
        { "directory", "is a directory, not a SQLite database file" },
        { "postgres", "connection refused" },
    };

    private string Journal(string kind)
    {
        switch (kind)
        {
            case "corrupt":
                File.WriteAllText(Path.Combine(Folder, "c.db"), new string('x', 4096));
                return "sqlite:" + Path.Combine(Folder, "c.db");
            case "directory":
                return "sqlite:" + Directory.CreateDirectory(Path.Combine(Folder, "d.db")).FullName;
            default:
                return $"postgres://u:hunter2@127.0.0.1:{ClosedPort.Pick()}/db";
        }
    }

    [Theory]
    [MemberData(nameof(DeadJournals))]
    public async Task Apply_with_a_journal_it_cannot_use_says_why_in_one_line_and_writes_nothing(string kind, string cause)
    {
        var journal = Journal(kind);
        var kubeconfig = Cluster.WriteKubeconfig(Path.Combine(Folder, "kubeconfig"));

        var result = await FaultRun.RunAsync(["apply", "-f", Spec(), "--kubeconfig", kubeconfig, "--journal", journal], Bound);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.EndsWith(": " + cause, line);
        Assert.DoesNotContain("hunter2", result.Errors);
        Assert.False(result.HasStackTrace, result.Errors);
        Assert.Equal(0, Cluster.Counters.Writes());
    }

    [Theory]
    [MemberData(nameof(DeadJournals))]
    public async Task Status_and_audit_on_a_journal_they_cannot_use_say_why_in_one_line(string kind, string cause)
    {
        var journal = Journal(kind);

        foreach (var command in new[] { "status", "audit" })
        {
            var result = await FaultRun.RunAsync([command, "--journal", journal], Bound);

            Assert.Equal(1, result.ExitCode);
            var line = Assert.Single(result.ErrorLines);
            Assert.EndsWith(": " + cause, line);
            Assert.DoesNotContain("hunter2", result.Errors);
            Assert.False(result.HasStackTrace, result.Errors);
        }
    }

    [Fact]
    public async Task Apply_to_a_closed_port_names_connection_refused_without_retrying_for_the_timeout()
    {
        var kubeconfig = Path.Combine(Folder, "closed.kubeconfig");
        KubeconfigWriter.Write(new Uri($"http://127.0.0.1:{ClosedPort.Pick()}"), kubeconfig);

        var result = await FaultRun.RunAsync(["apply", "-f", Spec(), "--kubeconfig", kubeconfig, "--journal",
            "sqlite:" + Path.Combine(Folder, "journal.db"), "--timeout", "10m"], Bound);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.EndsWith(": connection refused", line);
        Assert.False(result.HasStackTrace, result.Errors);
    }

    [Fact]
    public async Task Apply_over_https_to_a_plain_http_cluster_names_TLS()
    {
        var kubeconfig = Path.Combine(Folder, "tls.kubeconfig");
        KubeconfigWriter.Write(new Uri($"https://127.0.0.1:{Cluster.BaseUri.Port}"), kubeconfig);

        var result = await FaultRun.RunAsync(["apply", "-f", Spec(), "--kubeconfig", kubeconfig, "--journal",
            "sqlite:" + Path.Combine(Folder, "journal.db")], Bound);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("TLS handshake failed", Assert.Single(result.ErrorLines));
        Assert.Equal(0, Cluster.Counters.Writes());
    }

    [Fact]
    public async Task Apply_to_a_web_server_that_is_not_Kubernetes_says_so()
    {
        using var web = new NotKubernetesServer(404, "Not Found");
        var kubeconfig = Path.Combine(Folder, "web.kubeconfig");
        KubeconfigWriter.Write(web.Address, kubeconfig);

        var result = await FaultRun.RunAsync(["apply", "-f", Spec(), "--kubeconfig", kubeconfig, "--journal",
            "sqlite:" + Path.Combine(Folder, "journal.db")], Bound);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not a Kubernetes API server", Assert.Single(result.ErrorLines));
    }
}
