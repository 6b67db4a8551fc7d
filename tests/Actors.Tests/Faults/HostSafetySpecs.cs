using System.Text.Json;

namespace Orchestrator.Actors.Tests.Faults;

/// <summary>
/// A link planted at an agent's state folder on a simulated host: the agent refuses to start over it (it never writes
/// through a link). apply prints no stack trace for it, and the service that runs on that node says why it waits, from
/// the first report on, instead of "reason: null" until the timeout.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class HostSafetySpecs : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(180);
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-host-safety-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string Spec = """
        apiVersion: openstack.orchestrator.io/v1alpha1
        kind: OpenStackDeployment
        metadata: {name: cloud, namespace: openstack}
        spec:
          domain: k8s.example.com
          tls: {secretName: tls-ingress, generate: true}
          nodes:
            - {name: db-1, roles: [database]}
          services:
            - name: mariadb
              kind: host
              role: database
              source: /artifacts/mariadb
              unit: "[Unit]\nDescription=db\n[Service]\nExecStart=/opt/mariadb/bin/mariadbd\n"
        """;

    [Fact]
    public async Task A_link_at_the_agents_state_folder_is_the_services_reason_and_never_a_stack_trace()
    {
        var spec = Path.Combine(_folder, "cloud.yaml");
        await File.WriteAllTextAsync(spec, Spec);
        Directory.CreateDirectory(Path.Combine(_folder, "artifacts", "mariadb", "bin"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "artifacts", "mariadb", "bin", "mariadbd"), "#!/bin/sh\n");
        var hosts = Path.Combine(_folder, "hosts");
        var elsewhere = Directory.CreateDirectory(Path.Combine(_folder, "elsewhere")).FullName;
        Directory.CreateDirectory(Path.Combine(hosts, "db-1", "var", "lib"));
        File.CreateSymbolicLink(Path.Combine(hosts, "db-1", "var", "lib", "orchestrator-agent"), elsewhere);

        var result = await FaultRun.RunAsync(["apply", "-f", spec, "--simulate", "-o", "json", "--timeout", "60s",
            "--journal", "sqlite:" + Path.Combine(_folder, "journal.db"), "--hosts-dir", hosts], Bound, _folder);

        Assert.Equal(1, result.ExitCode);
        Assert.False(result.HasStackTrace, result.Errors);
        using var status = JsonDocument.Parse(result.Out);
        var mariadb = status.RootElement.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "mariadb");
        var reason = mariadb.GetProperty("reason").GetString();
        Assert.Contains("the agent cannot start", reason);
        Assert.Contains("var/lib/orchestrator-agent: is a symlink", reason);
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
    }
}
