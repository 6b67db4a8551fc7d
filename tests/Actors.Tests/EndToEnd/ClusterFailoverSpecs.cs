using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;
using Orchestrator.Hosting;
using Xunit.Abstractions;

namespace Orchestrator.Actors.Tests.EndToEnd;

/// <summary>
/// Three `orchestrator run` members on 127.0.0.2, .3 and .4 forming one cluster by their seed nodes (as deploy/'s
/// StatefulSet does), one `orchestrator simulate`, one PostgreSQL journal (the tests' own server, a database per run),
/// an OpenStackDeployment written with kubectl whose rollout takes a while; members are killed mid-rollout:
/// the coordinator's member with kill -9, a member with SIGTERM, then two of three with kill -9. Each time the rollout
/// finishes with no create repeated (no 409 on the API server's /metrics), the journal's history unbroken, and the
/// host unit never restarted; the member left alone downs itself and exits non-zero.
/// </summary>
[Trait("Category", "EndToEnd")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ClusterFailoverSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);
    private const string Namespace = "openstack";
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-cluster-").FullName;
    private readonly string _database = "cluster_" + Guid.NewGuid().ToString("N")[..12];
    private readonly System.Text.StringBuilder _simulateErrors = new();
    private readonly Member[] _members = [new("127.0.0.2"), new("127.0.0.3"), new("127.0.0.4")];
    private Process? _simulate;
    private Kubectl _kubectl = null!;
    private int _remotingPort;
    private int _httpPort;

    private sealed class Member(string address)
    {
        public string Address { get; } = address;
        public Process? Process { get; set; }
        public System.Text.StringBuilder Errors { get; } = new();
        public bool Running => Process is { HasExited: false };
        public override string ToString() => Address;
    }

    private string Kubeconfig => Path.Combine(_folder, "kubeconfig");

    private static string Server => Environment.GetEnvironmentVariable("ORCHESTRATOR_TEST_POSTGRES")
        ?? throw new InvalidOperationException("ORCHESTRATOR_TEST_POSTGRES is not set: run the tests with tests/run, which starts PostgreSQL");

    private static NpgsqlConnectionStringBuilder Builder(string url) =>
        new(JournalLocation.Parse(url).Location?.ConnectionString ?? throw new InvalidOperationException("ORCHESTRATOR_TEST_POSTGRES is not a postgres:// URL"));

    private string Journal
    {
        get
        {
            var server = new Uri(Server);
            return $"postgres://{server.UserInfo}@{server.Host}:{server.Port}/{_database}";
        }
    }

    public async Task InitializeAsync()
    {
        await using (var connection = new NpgsqlConnection(Builder(Server).ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
            await create.ExecuteNonQueryAsync();
        }
        _remotingPort = PortFreeOnEveryMember();
        _httpPort = PortFreeOnEveryMember(except: _remotingPort);
        _simulate = OrchestratorProcess.Start(["simulate", "--nodes", "3", "--kubeconfig-out", Kubeconfig, "--hosts-dir", Path.Combine(_folder, "hosts"),
            "--artifacts", "/", "--ready-delay", "2s"], _folder, _simulateErrors);
        _kubectl = new Kubectl(Kubeconfig);
        await UntilAsync(async () => File.Exists(Kubeconfig) && (await _kubectl.RunAsync("get", "nodes")).ExitCode == 0, "the simulated cluster serving");
        await _kubectl.OkAsync("apply", "-f", Path.Combine(RepositoryFolder.Path, "deploy", "crds"));
        await _kubectl.OkAsync("create", "namespace", Namespace);
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _members.Select(m => m.Process).Append(_simulate))
        {
            if (process is { HasExited: false })
                process.Kill(entireProcessTree: true);
            process?.Dispose();
        }
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(Builder(Server).ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Members_killed_or_stopped_mid_rollout_hand_over_and_the_rollout_finishes_once_with_an_unbroken_history()
    {
        foreach (var member in _members)
            Start(member);
        await AllUpAsync();

        // 1. kill -9 the member that runs the coordinator, mid-rollout: the other two finish it.
        await _kubectl.OkAsync("apply", "-f", Manifest("2025.1"));
        await MidRolloutAsync(1);
        var coordinator = await CoordinatorMemberAsync();
        var killed = Stopwatch.StartNew();
        coordinator.Process!.Kill(entireProcessTree: true);
        await coordinator.Process.WaitForExitAsync();
        var movedTo = await CoordinatorMemberAsync(other: coordinator);
        var moved = killed.Elapsed;
        await ReadyAtGenerationAsync(1);
        output.WriteLine($"kill -9 {coordinator}: coordinator answering on {movedTo} after {moved.TotalSeconds:F1} s, Ready after {killed.Elapsed.TotalSeconds:F1} s, " +
            $"409s {await ConflictsAsync()}");
        Start(coordinator);
        await AllUpAsync();

        // 2. SIGTERM a member mid-rollout: it leaves, hands over and exits 0 within the StatefulSet's grace period.
        await _kubectl.OkAsync("apply", "-f", Manifest("2025.2"));
        await MidRolloutAsync(2);
        var stopped = await CoordinatorMemberAsync();
        var terminated = Stopwatch.StartNew();
        Signal(stopped, "TERM");
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            await stopped.Process!.WaitForExitAsync(grace.Token);
        Assert.True(stopped.Process.ExitCode == 0, $"{stopped} exited {stopped.Process.ExitCode} on SIGTERM:\n{stopped.Errors}");
        output.WriteLine($"SIGTERM {stopped}: exited 0 after {terminated.Elapsed.TotalSeconds:F1} s");
        await ReadyAtGenerationAsync(2);
        output.WriteLine($"  Ready after {terminated.Elapsed.TotalSeconds:F1} s, 409s {await ConflictsAsync()}");
        Start(stopped);
        await AllUpAsync();

        // 3. kill -9 two of three mid-rollout: the one left is no majority; it downs itself and exits non-zero, and once
        // all three run again the cluster forms anew and finishes the rollout.
        await _kubectl.OkAsync("apply", "-f", Manifest("2025.3"));
        await MidRolloutAsync(3);
        var doomed = await CoordinatorMemberAsync();
        var alone = _members.First(m => m != doomed);
        var twoKilled = Stopwatch.StartNew();
        foreach (var member in _members.Where(m => m != alone))
        {
            member.Process!.Kill(entireProcessTree: true);
            await member.Process.WaitForExitAsync();
        }
        using (var bound = new CancellationTokenSource(Bound))
            await alone.Process!.WaitForExitAsync(bound.Token);
        Assert.True(alone.Process.ExitCode != 0, $"{alone} carried on alone and exited {alone.Process.ExitCode}:\n{alone.Errors}");
        Assert.Contains("removed from the cluster", alone.Errors.ToString());
        output.WriteLine($"kill -9 two: {alone} downed itself and exited {alone.Process.ExitCode} after {twoKilled.Elapsed.TotalSeconds:F1} s");
        foreach (var member in _members)
            Start(member);
        await AllUpAsync();
        await ReadyAtGenerationAsync(3);
        output.WriteLine($"  Ready after {twoKilled.Elapsed.TotalSeconds:F1} s, 409s {await ConflictsAsync()}");

        // Nothing was created twice, no event is missing from any entity's history, the host unit never restarted.
        Assert.Equal(0, await ConflictsAsync());
        await AssertUnbrokenHistoryAsync();
        using var hostUnits = JsonDocument.Parse(await _kubectl.OkAsync("get", "hostunits", "node-3", "-n", Namespace, "-o", "json"));
        var unit = hostUnits.RootElement.GetProperty("status").GetProperty("units").EnumerateArray().Single();
        Assert.Equal(0, unit.GetProperty("restarts").GetInt32());
    }

    private void Start(Member member)
    {
        member.Errors.Clear();
        var seeds = string.Join(",", _members.Select(m => $"{m.Address}:{_remotingPort}"));
        member.Process = OrchestratorProcess.Start(["run", "--kubeconfig", Kubeconfig, "--journal", Journal,
            "--listen", $"{member.Address}:{_remotingPort}", "--seed-nodes", seeds, "--http", $"{member.Address}:{_httpPort}"],
            _folder, member.Errors);
    }

    /// <summary>Signals through kill(1), as Kubernetes' kubelet signals a container's first process.</summary>
    private static void Signal(Member member, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, member.Process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>A chain of seven services, each waiting for the one before: with a 2 s readiness delay, tens of seconds.</summary>
    private string Manifest(string release)
    {
        Scenarios.TestSpecs.MariadbArtifact(Path.Combine(_folder, "artifacts"));
        var file = Path.Combine(_folder, $"cloud-{release}.yaml");
        File.WriteAllText(file, $$"""
            apiVersion: openstack.orchestrator.io/v1alpha1
            kind: OpenStackDeployment
            metadata: {name: cloud, namespace: {{Namespace}}}
            spec:
              domain: k8s.example.com
              tls: {secretName: tls-ingress, generate: true}
              nodes:
                - {name: node-1, roles: [controller]}
                - {name: node-2, roles: [controller]}
                - {name: node-3, roles: [database]}
              services:
                - name: mariadb
                  kind: host
                  role: database
                  source: {{Path.Combine(_folder, "artifacts", "mariadb")}}
                  unit: "[Unit]\nDescription=MariaDB\n[Service]\nExecStart=/opt/mariadb/bin/mariadbd\n"
                  config: {my.cnf: "[mysqld]\nport = 3306\n"}
                  ports: ["3306/tcp"]
                - {name: memcached, kind: pinned, image: "registry.example.com/memcached:{{release}}", replicas: 1, dependsOn: [mariadb]}
                - {name: keystone, kind: api, image: "registry.example.com/keystone:{{release}}", replicas: 1, port: 5000, dependsOn: [memcached]}
                - {name: glance-api, kind: api, image: "registry.example.com/glance:{{release}}", replicas: 1, port: 9292, dependsOn: [keystone]}
                - {name: placement-api, kind: api, image: "registry.example.com/placement:{{release}}", replicas: 1, port: 8778, dependsOn: [glance-api]}
                - {name: nova-api, kind: api, image: "registry.example.com/nova:{{release}}", replicas: 1, port: 8774, dependsOn: [placement-api]}
                - {name: neutron-server, kind: api, image: "registry.example.com/neutron:{{release}}", replicas: 1, port: 9696, dependsOn: [nova-api]}
            """);
        return file;
    }

    private async Task<JsonElement> DeploymentObjectAsync() =>
        JsonDocument.Parse(await _kubectl.OkAsync("get", "osd", "cloud", "-n", Namespace, "-o", "json")).RootElement.Clone();

    private static string? Condition(JsonElement @object, string type) =>
        @object.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object
        && status.TryGetProperty("conditions", out var conditions) && conditions.ValueKind == JsonValueKind.Array
            ? conditions.EnumerateArray().Where(c => c.GetProperty("type").GetString() == type).Select(c => c.GetProperty("status").GetString()).FirstOrDefault()
            : null;

    private static long ObservedGeneration(JsonElement @object) =>
        @object.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object
        && status.TryGetProperty("observedGeneration", out var observed) ? observed.GetInt64() : 0;

    /// <summary>The generation is taken up and its first service written, and the deployment is not Ready yet.</summary>
    private async Task MidRolloutAsync(long generation) => await UntilAsync(async () =>
    {
        var @object = await DeploymentObjectAsync();
        return ObservedGeneration(@object) == generation && Condition(@object, "Ready") != "True"
            && (await _kubectl.RunAsync("get", "statefulset", "memcached", "-n", Namespace)).ExitCode == 0;
    }, $"generation {generation} rolling out");

    private async Task ReadyAtGenerationAsync(long generation) => await UntilAsync(async () =>
    {
        var @object = await DeploymentObjectAsync();
        return ObservedGeneration(@object) == generation && Condition(@object, "Ready") == "True";
    }, $"generation {generation} Ready");

    /// <summary>/cluster of the first running member that answers.</summary>
    private async Task<JsonElement?> ClusterAsync()
    {
        foreach (var member in _members.Where(m => m.Running))
            if (await ClusterOfAsync(member) is { } view)
                return view;
        return null;
    }

    private async Task<JsonElement?> ClusterOfAsync(Member member)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        try
        {
            return JsonDocument.Parse(await http.GetStringAsync($"http://{member.Address}:{_httpPort}/cluster")).RootElement.Clone();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// Every member sees all three Up: the leader moves a rejoined member to Up in its own view first, and losing the
    /// leader before the others see it leaves them a tie (a Joining member does not count), on which both down themselves.
    /// </summary>
    private async Task AllUpAsync() => await UntilAsync(async () =>
    {
        var running = _members.Where(m => m.Running).ToList();
        foreach (var member in running)
            if (await ClusterOfAsync(member) is not { } view
                || view.GetProperty("members").EnumerateArray().Count(m => m.GetProperty("status").GetString() == "Up" && m.GetProperty("reachable").GetBoolean()) != 3)
                return false;
        return running.Count == 3;
    }, "three members Up in every member's view");

    /// <summary>The member the deployment's coordinator answers from (another than <paramref name="other"/>, when given).</summary>
    private async Task<Member> CoordinatorMemberAsync(Member? other = null)
    {
        Member? found = null;
        await UntilAsync(async () =>
        {
            var placement = (await ClusterAsync())?.GetProperty("coordinators").EnumerateArray()
                .FirstOrDefault(c => c.GetProperty("deployment").GetString() == $"{Namespace}/cloud");
            var address = placement is { } p && p.GetProperty("member").ValueKind == JsonValueKind.String ? p.GetProperty("member").GetString() : null;
            found = _members.FirstOrDefault(m => address is not null && address.Contains($"@{m.Address}:", StringComparison.Ordinal));
            return found is not null && found != other;
        }, other is null ? "the coordinator's member" : $"the coordinator answering on another member than {other}");
        return found!;
    }

    /// <summary>
    /// 409 answers to creates on the API server's own /metrics: a create repeated. (An update may meet 409 by design:
    /// services write with the resourceVersion their watch reported, and a stale one is read again and retried.)
    /// </summary>
    private async Task<long> ConflictsAsync() =>
        (await _kubectl.OkAsync("get", "--raw", "/metrics")).Split('\n')
            .Where(l => l.StartsWith("apiserver_request_total{", StringComparison.Ordinal) && l.Contains("code=\"409\"", StringComparison.Ordinal)
                && l.Contains("verb=\"POST\"", StringComparison.Ordinal))
            .Sum(l => long.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Every entity's events are numbered 1, 2, 3... with no gap: nothing persisted was lost or written twice.</summary>
    private async Task AssertUnbrokenHistoryAsync()
    {
        var (exit, lines, errors) = await OrchestratorProcess.RunLinesAsync(["audit", "--journal", Journal, "-o", "json"], Bound, _folder);
        Assert.True(exit == 0, errors);
        var entries = lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        foreach (var entity in entries.GroupBy(e => e.GetProperty("persistenceId").GetString()))
        {
            var numbers = entity.Select(e => e.GetProperty("sequenceNr").GetInt64()).Order().ToList();
            Assert.True(numbers.SequenceEqual(Enumerable.Range(1, numbers.Count).Select(n => (long)n)),
                $"{entity.Key}: sequence numbers {string.Join(",", numbers)}");
        }
        var ready = entries.Where(e => e.GetProperty("event").GetString() == "service-ready").Select(e => e.GetProperty("name").GetString()).Distinct().Count();
        Assert.Equal(7, ready);
    }


    /// <summary>A port nothing listens on at 127.0.0.2, .3 and .4 (every member uses the same one on its own address).</summary>
    private int PortFreeOnEveryMember(int except = 0)
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (port != except && _members.All(m => Free(IPAddress.Parse(m.Address), port)))
                return port;
        }
    }

    private static bool Free(IPAddress address, int port)
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private Task UntilAsync(Func<Task<bool>> condition, string what) => Eventually.True(condition, what, Bound,
        () => string.Join("\n", _members.Select(m => $"--- {m} stderr:\n{Tail(m.Errors)}")) + $"\n--- simulate stderr:\n{Tail(_simulateErrors)}");

    private static string Tail(System.Text.StringBuilder text)
    {
        lock (text)
            return string.Join("\n", text.ToString().Split('\n').TakeLast(30));
    }
}
