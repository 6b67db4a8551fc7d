using Orchestrator.Cli;
using Spectre.Console;

namespace Orchestrator.Actors.Tests.Cli;

/// <summary>Bad input to `apply` is refused with exit 2 before anything starts: no cluster, no journal, no write.</summary>
public sealed class ApplyCommandSpecs : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-apply-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(int Exit, string Errors)> ApplyAsync(string yaml, bool simulate = true, string? kubeconfig = null, string timeout = "10m",
        string? journal = null)
    {
        var file = Path.Combine(_folder, "spec.yaml");
        await File.WriteAllTextAsync(file, yaml);
        var errors = new StringWriter();
        var exit = await ApplyCommand.RunAsync(new ApplyCommand.Arguments(new FileInfo(file), simulate, kubeconfig is null ? null : new FileInfo(kubeconfig),
                journal ?? "sqlite:" + Path.Combine(_folder, "journal.db"), timeout, "table", 0, null, false, Path.Combine(_folder, "hosts")),
            AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()) }), new StringWriter(), errors, CancellationToken.None);
        return (exit, errors.ToString());
    }

    private static string Spec(string port) => $$"""
        apiVersion: openstack.orchestrator.io/v1alpha1
        kind: OpenStackDeployment
        metadata: {name: cloud, namespace: openstack}
        spec:
          domain: k8s.example.com
          tls: {secretName: tls-ingress, generate: true}
          nodes: [{name: node-1, roles: [controller]}]
          services:
            - {name: keystone, kind: api, image: "registry.example.com/keystone:2025.1", port: {{port}}}
        """;

    [Fact]
    public async Task Invalid_spec_exits_2_naming_the_field_and_leaves_no_journal()
    {
        var (exit, errors) = await ApplyAsync(Spec("70000"));

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("spec.services[0].port", errors);
        Assert.False(File.Exists(Path.Combine(_folder, "journal.db")));
    }

    [Fact]
    public async Task Neither_simulate_nor_kubeconfig_is_bad_input()
    {
        var (exit, errors) = await ApplyAsync(Spec("5000"), simulate: false);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("exactly one of --simulate or --kubeconfig", errors);
    }

    [Fact]
    public async Task Every_bad_flag_is_reported_at_once()
    {
        var (exit, errors) = await ApplyAsync(Spec("5000"), timeout: "soon", journal: "mysql://root:hunter2@db/x");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("--timeout: 'soon' is not a duration", errors);
        Assert.Contains("--journal: expected sqlite:PATH or postgres://", errors);
        Assert.DoesNotContain("hunter2", errors);
    }

    [Fact]
    public async Task Simulate_with_a_missing_host_source_names_the_service_and_path_before_anything_starts()
    {
        var (exit, errors) = await ApplyAsync("""
            apiVersion: openstack.orchestrator.io/v1alpha1
            kind: OpenStackDeployment
            metadata: {name: cloud, namespace: openstack}
            spec:
              domain: k8s.example.com
              tls: {secretName: tls-ingress, generate: true}
              nodes: [{name: node-1, roles: [controller, compute]}]
              services:
                - name: nova-compute
                  kind: host
                  role: compute
                  source: /nova-compute
                  unit: "[Service]\nExecStart=/opt/nova-compute/bin/run\n"
            """);

        Assert.Equal(ExitCodes.BadInput, exit);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("spec.services[0].source: service nova-compute: source \"/nova-compute\": no such folder", line);
        Assert.False(File.Exists(Path.Combine(_folder, "journal.db")));
        Assert.False(Directory.Exists(Path.Combine(_folder, "hosts")));
    }
}
