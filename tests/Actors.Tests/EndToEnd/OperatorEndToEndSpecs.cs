using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Orchestrator.Actors.Tests.EndToEnd;

/// <summary>
/// The operator as it is meant to run: `orchestrator simulate` as the cluster, OpenStackDeployment objects applied and
/// edited with kubectl, `orchestrator run --kubeconfig` converging them, everything checked with kubectl and curl.
/// </summary>
[Trait("Category", "EndToEnd")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class OperatorEndToEndSpecs : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(240);
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-operator-").FullName;
    private readonly System.Text.StringBuilder _simulateErrors = new();
    private readonly System.Text.StringBuilder _runErrors = new();
    private Process? _simulate;
    private Process? _run;
    private Kubectl _kubectl = null!;

    private string Kubeconfig => Path.Combine(_folder, "kubeconfig");

    public async Task InitializeAsync()
    {
        _simulate = OrchestratorProcess.Start(["simulate", "--nodes", "4", "--kubeconfig-out", Kubeconfig,
            "--hosts-dir", Path.Combine(_folder, "hosts"), "--artifacts", "/", "--ready-delay", "100ms"], _folder, _simulateErrors);
        _kubectl = new Kubectl(Kubeconfig);
        await UntilAsync(async () => File.Exists(Kubeconfig) && (await _kubectl.RunAsync("get", "nodes")).ExitCode == 0, "the simulated cluster serving");
    }

    public async Task DisposeAsync()
    {
        foreach (var process in new[] { _run, _simulate })
        {
            if (process is { HasExited: false })
                process.Kill(entireProcessTree: true);
            process?.Dispose();
        }
        Directory.Delete(_folder, recursive: true);
    }


    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Until <paramref name="done"/> holds for what is read; past the bound, the failure shows the last value and both processes' stderr.</summary>
    private Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what) =>
        Eventually.Get(read, done, what, Bound, () => $"run stderr:\n{_runErrors}\nsimulate stderr:\n{_simulateErrors}");

    private Task UntilAsync(Func<Task<bool>> condition, string what) => UntilAsync(condition, ok => ok, what);

    private string Manifest(string name, string @namespace, string controller, string? database, string keystoneConf)
    {
        Scenarios.TestSpecs.MariadbArtifact(Path.Combine(_folder, "artifacts"));
        var host = database is null ? "" : $$"""
                - name: mariadb
                  kind: host
                  role: database
                  source: {{Path.Combine(_folder, "artifacts", "mariadb")}}
                  unit: "[Unit]\nDescription=MariaDB\n[Service]\nExecStart=/opt/mariadb/bin/mariadbd\n"
                  config: {my.cnf: "[mysqld]\nport = 3306\n"}
                  ports: ["3306/tcp"]
            """;
        var file = Path.Combine(_folder, $"{@namespace}.yaml");
        File.WriteAllText(file, $$"""
            apiVersion: openstack.orchestrator.io/v1alpha1
            kind: OpenStackDeployment
            metadata: {name: {{name}}, namespace: {{@namespace}}}
            spec:
              domain: {{@namespace}}.example.com
              tls: {secretName: tls-ingress, generate: true}
              nodes:
                - {name: {{controller}}, roles: [controller]}
            {{(database is null ? "" : $"    - {{name: {database}, roles: [database]}}")}}
              services:
                - name: memcached
                  kind: pinned
                  image: registry.example.com/memcached:1.6
                  replicas: 1
                - name: keystone
                  kind: api
                  image: registry.example.com/keystone:2025.1
                  replicas: 1
                  port: 5000
                  dependsOn: [memcached]
                  config: {keystone.conf: {{JsonSerializer.Serialize(keystoneConf)}}}
            {{host}}
            """);
        return file;
    }

    private async Task<JsonElement> ObjectAsync(string @namespace) =>
        JsonDocument.Parse(await _kubectl.OkAsync("get", "osd", "cloud", "-n", @namespace, "-o", "json")).RootElement.Clone();

    private static string? Condition(JsonElement @object, string type, string field = "status") =>
        @object.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object
        && status.TryGetProperty("conditions", out var conditions) && conditions.ValueKind == JsonValueKind.Array
            ? conditions.EnumerateArray().Where(c => c.GetProperty("type").GetString() == type).Select(c => c.GetProperty(field).GetString()).FirstOrDefault()
            : null;

    private async Task ReadyAtItsGenerationAsync(string @namespace) => await UntilAsync(async () =>
    {
        var @object = await ObjectAsync(@namespace);
        return (Ready: Condition(@object, "Ready"), ObservedGeneration: ObservedGeneration(@object),
            Generation: @object.GetProperty("metadata").GetProperty("generation").GetInt64());
    }, seen => seen.Ready == "True" && seen.ObservedGeneration == seen.Generation, $"{@namespace}/cloud Ready with observedGeneration == generation");

    private static long? ObservedGeneration(JsonElement @object) =>
        @object.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object
        && status.TryGetProperty("observedGeneration", out var generation) ? generation.GetInt64() : null;

    /// <summary>
    /// What only the operator writes in a namespace: the resourceVersion of its ConfigMaps, Secrets, Services and
    /// Ingresses, the generation (spec) of its workloads, whose status the cluster's controllers write as well.
    /// </summary>
    private async Task<Dictionary<string, string>> ResourceVersionsAsync(string @namespace)
    {
        using var list = JsonDocument.Parse(await _kubectl.OkAsync("get", "configmaps,secrets,services,deployments,statefulsets,ingresses", "-n", @namespace, "-o", "json"));
        return list.RootElement.GetProperty("items").EnumerateArray().ToDictionary(
            i => i.GetProperty("kind").GetString() + "/" + i.GetProperty("metadata").GetProperty("name").GetString(),
            i => i.GetProperty("kind").GetString() is "Deployment" or "StatefulSet"
                ? "generation " + i.GetProperty("metadata").GetProperty("generation").GetInt64()
                : i.GetProperty("metadata").GetProperty("resourceVersion").GetString()!);
    }

    private static async Task<string> MetricsAsync(int port)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
    }

    private static double Metric(string metrics, string line) =>
        metrics.Split('\n').Where(l => l.StartsWith(line + " ", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(line.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();

    [Fact]
    public async Task Run_converges_deployments_applied_with_kubectl_honours_edits_pause_and_deletion_and_reports_through_status_events_and_metrics()
    {
        await _kubectl.OkAsync("apply", "-f", Path.Combine(RepositoryFolder.Path, "deploy", "crds"));
        await _kubectl.OkAsync("create", "namespace", "region-a");
        await _kubectl.OkAsync("create", "namespace", "region-b");
        await _kubectl.OkAsync("apply", "-f", Manifest("cloud", "region-a", "node-1", "node-2", "[DEFAULT]\n"));
        var port = FreePort();
        _run = OrchestratorProcess.Start(["run", "--kubeconfig", Kubeconfig, "--journal", "sqlite:" + Path.Combine(_folder, "journal.db"),
            "--http", $"127.0.0.1:{port}"], _folder, _runErrors);

        // Converges to Ready at its generation; a second deployment in another namespace converges beside it.
        await ReadyAtItsGenerationAsync("region-a");
        await _kubectl.OkAsync("apply", "-f", Manifest("cloud", "region-b", "node-3", null, "[DEFAULT]\n"));
        await ReadyAtItsGenerationAsync("region-b");
        var table = await _kubectl.OkAsync("get", "osd", "-A");
        Assert.Matches(@"NAMESPACE\s+NAME\s+READY\s+SERVICES\s+REASON\s+AGE", table);
        Assert.Matches(@"region-a\s+cloud\s+True\s+3/3\s+Ready", table);
        Assert.Matches(@"region-b\s+cloud\s+True\s+2/2\s+Ready", table);
        Assert.True(File.Exists(Path.Combine(_folder, "hosts", "node-2", "opt", "mariadb", "bin", "mariadbd")));

        // An edit rolls only what changed: keystone's pods, not memcached's.
        var memcached = await _kubectl.OkAsync("get", "statefulset", "memcached", "-n", "region-a", "-o", "jsonpath={.metadata.generation}");
        var keystone = await _kubectl.OkAsync("get", "deployment", "keystone", "-n", "region-a", "-o", "jsonpath={.metadata.generation}");
        await _kubectl.OkAsync("apply", "-f", Manifest("cloud", "region-a", "node-1", "node-2", "[DEFAULT]\ndebug = true\n"));
        await UntilAsync(async () => ObservedGeneration(await ObjectAsync("region-a")), generation => generation == 2, "the edit observed");
        await ReadyAtItsGenerationAsync("region-a");
        Assert.Equal(memcached, await _kubectl.OkAsync("get", "statefulset", "memcached", "-n", "region-a", "-o", "jsonpath={.metadata.generation}"));
        Assert.NotEqual(keystone, await _kubectl.OkAsync("get", "deployment", "keystone", "-n", "region-a", "-o", "jsonpath={.metadata.generation}"));

        // Paused: an edit is seen (counted by the operator) but nothing of the deployment is written; resumed, it is.
        var before = await ResourceVersionsAsync("region-a");
        await _kubectl.OkAsync("annotate", "osd", "cloud", "-n", "region-a", "openstack.orchestrator.io/paused=true");
        await UntilAsync(async () => Condition(await ObjectAsync("region-a"), "Paused"), paused => paused == "True", "Paused=True");
        await _kubectl.OkAsync("apply", "-f", Manifest("cloud", "region-a", "node-1", "node-2", "[DEFAULT]\ndebug = false\n"));
        await UntilAsync(async () => Metric(await MetricsAsync(port), "orchestrator_reconciles_total{deployment=\"region-a/cloud\",result=\"paused\"}"), paused => paused >= 2,
            "the edit seen while paused");
        Assert.Equal(before, await ResourceVersionsAsync("region-a"));
        Assert.Equal(2, (await ObjectAsync("region-a")).GetProperty("status").GetProperty("observedGeneration").GetInt64());
        await _kubectl.OkAsync("annotate", "osd", "cloud", "-n", "region-a", "openstack.orchestrator.io/paused-");
        await ReadyAtItsGenerationAsync("region-a");
        Assert.NotEqual(before, await ResourceVersionsAsync("region-a"));

        // What happened is in kubectl describe, and the figures on /metrics.
        var described = await _kubectl.OkAsync("describe", "osd", "cloud", "-n", "region-a");
        Assert.Contains("RolloutStarted", described);
        Assert.Contains("RolloutFinished", described);
        Assert.Contains("Paused", described);
        Assert.Contains("Resumed", described);
        var metrics = await MetricsAsync(port);
        Assert.Equal(2, Metric(metrics, "orchestrator_coordinators_active"));
        Assert.True(Metric(metrics, "orchestrator_reconciles_total{deployment=\"region-b/cloud\",result=\"accepted\"}") >= 1);
        Assert.Contains("orchestrator_api_requests_total{verb=\"patch\",kind=\"openstackdeployments/status\",code=\"200\"}", metrics);
        Assert.Contains("orchestrator_reconcile_duration_seconds_count", metrics);
        Assert.Contains("orchestrator_journal_persist_seconds_count", metrics);
        Assert.Contains("orchestrator_services{deployment=\"region-a/cloud\",state=\"Ready\"} 3", metrics);

        // Deleted: the host unit is removed from its node by the agent, then the HostUnits, the labels and the claim.
        await _kubectl.OkAsync("delete", "osd", "cloud", "-n", "region-a", "--timeout=100s");
        Assert.Contains("NotFound", (await _kubectl.RunAsync("get", "hostunits", "node-2")).Error);
        foreach (var node in new[] { "node-1", "node-2" })
        {
            var metadata = await _kubectl.OkAsync("get", "node", node, "-o", "jsonpath={.metadata.labels} {.metadata.annotations}");
            Assert.DoesNotContain("openstack-", metadata);
            Assert.DoesNotContain("openstack.orchestrator.io/claimed-by", metadata);
        }
        Assert.False(Directory.Exists(Path.Combine(_folder, "hosts", "node-2", "opt", "mariadb")));
        Assert.False(File.Exists(Path.Combine(_folder, "hosts", "node-2", "lib", "systemd", "system", "mariadb.service")));
        Assert.Equal("True", Condition(await ObjectAsync("region-b"), "Ready"));
        // What was made in the namespace goes with its owner (garbage collection of the owner references); what is
        // cluster-scoped (the agent's ClusterRole and binding) is removed by the teardown.
        await UntilAsync(async () => (await _kubectl.OkAsync("get", "deploy,sts,ds,svc,cm,secret,ingress,sa,role,rolebinding", "-n", "region-a",
            "-l", "app.kubernetes.io/managed-by=openstack-orchestrator", "-o", "name")).Trim(), left => left.Length == 0, "region-a's objects collected");
        Assert.DoesNotContain("region-a", await _kubectl.OkAsync("get", "clusterroles,clusterrolebindings", "-l", "app.kubernetes.io/managed-by=openstack-orchestrator", "-o", "name"));

        // SIGTERM: the operator leaves and exits 0.
        Process.Start("kill", ["-TERM", _run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        using var stopped = new CancellationTokenSource(Bound);
        await _run.WaitForExitAsync(stopped.Token);
        Assert.Equal(0, _run.ExitCode);
    }
}
