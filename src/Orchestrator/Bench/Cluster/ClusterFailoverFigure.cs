using System.Diagnostics;
using Akka.Configuration;
using Orchestrator.Adapters.Kubernetes;
using Orchestrator.Bench.Processes;
using Orchestrator.Hosting;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Bench.Cluster;

/// <summary>
/// Three `orchestrator run` members on one PostgreSQL journal, a deployment rolling out a new release, and the member
/// that runs its coordinator lost mid-rollout: by kill -9 (full run), and by SIGTERM (the kubelet stopping a pod).
/// Measured: the seconds until the coordinator answers again from a survivor, against what must be waited by design
/// (kill -9: the failure detector's allowed silence plus the split-brain resolver's stable-after, read from the same
/// akka.hocon) or against a cold start of the three members (SIGTERM: a hand-over should cost no more than starting
/// from nothing); and the creates the server refused as already done (a create repeated by the new coordinator), goal 0.
/// </summary>
public sealed class ClusterFailoverFigure : IBenchFigure
{
    private const string Namespace = "failover";
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);

    public string Name => "cluster_failover";

    public string What => "three members: the coordinator's member lost mid-rollout (kill -9, SIGTERM) until a survivor's coordinator answers, "
        + "vs the configured detection floor and a cold start";

    public async Task<FigureResult> RunAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var cluster = "in-process simulated cluster in the bench's process (readiness delay 1s, no agents)";
        if (run.PostgresUrl is null)
            return FigureResult.Skip(Name, cluster, "postgres", "no PostgreSQL server: give --postgres URL or $ORCHESTRATOR_BENCH_POSTGRES (three members need one shared journal)");
        var folder = run.FolderFor(Name);
        // A deployment of its own in the (shared, throw-away) database, so earlier runs' journals are never replayed.
        var name = "failover-" + Guid.NewGuid().ToString("N")[..8];
        var key = $"{Namespace}/{name}";
        var length = run.Quick ? 3 : 5;
        var first = Chain(folder, name, "r0", length);
        await using var server = await InProcessCluster.StartAsync(first, TimeSpan.FromSeconds(1), folder, null, cancellationToken);
        using var adapter = KubernetesAdapterFactory.FromConfiguration(server.Cluster.ClientConfiguration(), Serilog.Log.Logger);
        await using var members = new ClusterMembers(server.Kubeconfig, run.PostgresUrl, Namespace, folder);

        // Baseline: the deployment is written first, then three members start from nothing; until its coordinator answers.
        var generation = await DeploymentObject.WriteAsync(adapter, first, cancellationToken);
        run.Report(Name, $"starting three members on one PostgreSQL journal for {key}");
        var cold = Stopwatch.StartNew();
        members.StartAll();
        await members.CoordinatorMemberAsync(key, null, Bound, cancellationToken);
        var coldStart = cold.Elapsed.TotalSeconds;
        await members.AllUpAsync(Bound, cancellationToken);
        await ReadyAsync(server, members, name, generation, cancellationToken);
        run.Report(Name, $"cold start: the coordinator answered after {coldStart:0.0}s; release r0 Ready after {cold.Elapsed.TotalSeconds:0.0}s");

        var floor = DetectionFloor(run.AkkaHocon);
        var killed = new Samples();
        var terminated = new Samples();
        var notes = new List<string>
        {
            $"spec: a chain of {length} services (a pinned one, then {length - 1} API services, each depending on the one before), 1 replica each, on 3 controller nodes; "
                + $"each repetition writes a new release (every image changes) and acts once its coordinator has taken the generation up and it is not Ready",
            $"members: `orchestrator run --listen 127.0.0.1:P --seed-nodes (all three) --journal postgres` as processes; where the coordinator runs is read "
                + "from a member's /cluster, polled every 200 ms",
        };
        var release = 0;
        for (var repetition = 0; repetition < run.SlowRepetitions; repetition++)
        {
            if (!run.Quick)
            {
                var (moved, ready, _) = await LoseCoordinatorAsync(run, server, adapter, members, folder, name, key, length, ++release, hard: true, cancellationToken);
                killed.Add(moved);
                notes.Add($"kill -9, repetition {repetition + 1}: coordinator answering on a survivor after {moved:0.0}s, release Ready {ready:0.0}s after the kill");
            }
            var last = repetition == run.SlowRepetitions - 1;
            var (handedOver, readyAfter, exit) = await LoseCoordinatorAsync(run, server, adapter, members, folder, name, key, length, ++release, hard: false,
                cancellationToken, rejoin: !last);
            terminated.Add(handedOver);
            notes.Add($"SIGTERM, repetition {repetition + 1}: coordinator answering on a survivor after {handedOver:0.0}s, release Ready {readyAfter:0.0}s "
                + $"after the signal; the stopped member exited {exit}");
        }

        var repeatedCreates = server.Cluster.Counters.Answered("create", 409);
        var staleWrites = server.Cluster.Counters.Conflicts() - repeatedCreates;
        var measurements = new List<Measurement>();
        if (killed.Count > 0)
            measurements.Add(new("kill -9 of the coordinator's member: coordinator answering on a survivor", killed.Median, floor, "s",
                "acceptable-heartbeat-pause + stable-after + the removal margin of akka.hocon (the wait before a dead member's shards may move)",
                [GoalCondition.RatioAtMost(1.5)], killed.Count));
        measurements.Add(new("SIGTERM of the coordinator's member: coordinator answering on a survivor", terminated.Median, coldStart, "s",
            "three members started from nothing until the coordinator answers (one sample)", [GoalCondition.RatioAtMost(1)], terminated.Count));
        measurements.Add(new("creates repeated (409 AlreadyExists) during the losses", repeatedCreates, 0, "writes", "none",
            [GoalCondition.ValueAtMost(0)], 1));
        notes.Add($"{staleWrites} other 409(s): updates fenced with a watched resourceVersion that had moved on (read again and retried, by design)");
        notes.Add($"cold start (baseline of SIGTERM): {coldStart:0.0}s; detection floor (baseline of kill -9): {floor:0.0}s");
        if (run.Quick)
            notes.Add("--quick measures the SIGTERM hand-over only: a kill -9 waits at least the detection floor, and is measured by a full run");
        return new FigureResult(Name, cluster, "postgres (--postgres), three members", measurements, notes);
    }

    /// <summary>
    /// Writes release <paramref name="release"/>, waits until it rolls out, then loses the coordinator's member (kill -9 or
    /// SIGTERM): the seconds until a survivor's coordinator answers, until the release is Ready, and the lost member's exit code.
    /// Unless it is the last loss (<paramref name="rejoin"/> false), the lost member is started again and the cluster is whole before it returns.
    /// </summary>
    private static async Task<(double Moved, double Ready, int Exit)> LoseCoordinatorAsync(BenchRun run, InProcessCluster server, KubernetesAdapter adapter,
        ClusterMembers members, string folder, string name, string key, int length, int release, bool hard, CancellationToken cancellationToken, bool rejoin = true)
    {
        var how = hard ? "kill -9" : "SIGTERM";
        var generation = await DeploymentObject.WriteAsync(adapter, Chain(folder, name, $"r{release}", length), cancellationToken);
        await members.UntilAsync(() => server.ObservedGeneration(Namespace, name) >= generation && !server.DeploymentReady(Namespace, name, generation),
            $"release r{release} rolling out", Bound, cancellationToken);
        var lost = await members.CoordinatorMemberAsync(key, null, Bound, cancellationToken);
        run.Report("cluster_failover", $"release r{release} rolling out: {how} of {lost}, which runs the coordinator");
        var clock = Stopwatch.StartNew();
        if (hard)
            await lost.Process!.KillAsync();
        else
            lost.Process!.Terminate();
        await members.CoordinatorMemberAsync(key, lost, Bound, cancellationToken);
        var moved = clock.Elapsed.TotalSeconds;
        using (var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            bound.CancelAfter(TimeSpan.FromSeconds(60));
            await lost.Process.WaitForExitAsync(bound.Token);
        }
        await ReadyAsync(server, members, name, generation, cancellationToken);
        var ready = clock.Elapsed.TotalSeconds;
        var exit = lost.Process.ExitCode;
        run.Report("cluster_failover", $"{how}: coordinator answering on a survivor after {moved:0.0}s, Ready after {ready:0.0}s"
            + (rejoin ? $"; {lost} started again" : ""));
        // The last loss of the figure is not followed by another, so nobody waits for the member to rejoin.
        if (rejoin)
        {
            members.Start(lost);
            await members.AllUpAsync(Bound, cancellationToken);
        }
        return (moved, ready, exit);
    }

    private static Task ReadyAsync(InProcessCluster server, ClusterMembers members, string name, long generation, CancellationToken cancellationToken) =>
        members.UntilAsync(() => server.DeploymentReady(Namespace, name, generation), $"generation {generation} Ready", Bound, cancellationToken);

    /// <summary>
    /// The least a survivor must wait, by configuration, before it may start a dead member's singletons and shards: the
    /// member's silence (acceptable-heartbeat-pause), the resolver's stable-after before it downs it, and the removal
    /// margin after that before the shard coordinator (a singleton) moves. Akka's split-brain resolver takes stable-after
    /// as that margin when down-removal-margin is off: on the other side of a partition the member downs itself after
    /// stable-after too, and the margin lets it stop its own singletons first.
    /// </summary>
    private static double DetectionFloor(string akkaHocon)
    {
        var config = ConfigurationFactory.ParseString(akkaHocon);
        var stableAfter = config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after", TimeSpan.FromSeconds(20));
        var margin = config.GetString("akka.cluster.down-removal-margin", "off") is "off" or "0" or ""
            ? stableAfter
            : config.GetTimeSpan("akka.cluster.down-removal-margin");
        return (config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause", TimeSpan.FromSeconds(3)) + stableAfter + margin).TotalSeconds;
    }

    /// <summary>A pinned service, then API services each depending on the one before: <paramref name="length"/> levels.</summary>
    private static OpenStackDeployment Chain(string folder, string name, string release, int length)
    {
        string[] services =
        [
            $"- {{name: memcached, kind: pinned, image: \"registry.example.com/memcached:{release}\", replicas: 1}}",
            $"- {{name: keystone, kind: api, image: \"registry.example.com/keystone:{release}\", replicas: 1, port: 5000, dependsOn: [memcached]}}",
            $"- {{name: glance-api, kind: api, image: \"registry.example.com/glance:{release}\", replicas: 1, port: 9292, dependsOn: [keystone]}}",
            $"- {{name: placement-api, kind: api, image: \"registry.example.com/placement:{release}\", replicas: 1, port: 8778, dependsOn: [glance-api]}}",
            $"- {{name: nova-api, kind: api, image: \"registry.example.com/nova:{release}\", replicas: 1, port: 8774, dependsOn: [placement-api]}}",
        ];
        var file = Path.Combine(folder, $"{name}-{release}.yaml");
        return GeneratedSpec.Write(file, $$"""
            apiVersion: openstack.orchestrator.io/v1alpha1
            kind: OpenStackDeployment
            metadata: {name: {{name}}, namespace: {{Namespace}}}
            spec:
              domain: failover.example.com
              tls: {secretName: tls-ingress, generate: true}
              nodes:
                - {name: node-1, roles: [controller]}
                - {name: node-2, roles: [controller]}
                - {name: node-3, roles: [controller]}
              services:
            """ + "\n" + string.Join("\n", services.Take(length).Select(line => "    " + line)) + "\n", "the failover spec");
    }
}
