using Orchestrator.Bench.Processes;
using Orchestrator.Cli;

namespace Orchestrator.Bench.Apply;

/// <summary>
/// `orchestrator apply` of a generated spec of ~500 objects, as its own process against a fresh `orchestrator simulate`
/// server (readiness delay 0), against the real `kubectl apply -f` (and `--server-side`) of the same spec's rendered
/// YAML, each against an identical fresh server. Every command is timed whole, process start to exit.
/// </summary>
public sealed class ApplyVsKubectlFigure : IBenchFigure
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public string Name => "apply_vs_kubectl";

    public string What => "our apply of ~500 rendered objects vs kubectl apply (client- and server-side) of the same YAML, each on a fresh simulated server";

    public async Task<FigureResult> RunAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var folder = run.FolderFor(Name);
        var spec = Path.Combine(folder, "cloud.yaml");
        var objects = GeneratedCloud.Write(spec, run.Size(500));
        var rendered = Path.Combine(folder, "rendered.yaml");
        await using (var yaml = new StreamWriter(rendered))
        {
            var errors = new StringWriter();
            if (RenderCommand.Run(new FileInfo(spec), "yaml", new DirectoryInfo(Path.Combine(folder, "render-state")), yaml, errors) != ExitCodes.Ok)
                throw new InvalidOperationException("render of the generated spec failed: " + errors);
        }
        if (await ProgramVersionAsync("kubectl", ["version", "--client"], cancellationToken) is not { } kubectlVersion)
            return FigureResult.Skip(Name, "orchestrator simulate (separate process)", "sqlite", "kubectl is not installed: it is the baseline");

        var ours = new Samples();
        var kubectl = new Samples();
        var serverSide = new Samples();
        var stages = new List<ApplyStages>();
        var runs = new Func<int, Task>[]
        {
            async i =>
            {
                var applied = await OurApplyAsync(folder, spec, i, cancellationToken);
                ours.Add(applied.Total);
                stages.Add(applied);
            },
            async i => kubectl.Add(await KubectlApplyAsync(folder, spec, rendered, i, serverSide: false, cancellationToken)),
            async i => serverSide.Add(await KubectlApplyAsync(folder, spec, rendered, i, serverSide: true, cancellationToken)),
        };
        // Each repetition starts three servers and runs three commands.
        var repetitions = run.SlowRepetitions;
        run.Report(Name, $"{objects} objects: our apply, kubectl apply, kubectl apply --server-side x {repetitions}, each on a fresh server");
        for (var i = 0; i < repetitions; i++)
        {
            // The order turns each repetition, so a machine growing busier weighs on each command alike.
            for (var k = 0; k < runs.Length; k++)
                await runs[(i + k) % runs.Length](i);
            run.Report(Name, $"repetition {i + 1}: ours {ours.Median:0.00}s, kubectl {kubectl.Median:0.00}s, server-side {serverSide.Median:0.00}s (medians so far)");
        }

        var startup = new Samples();
        for (var i = 0; i < repetitions; i++)
            startup.Add((await OrchestratorExecutable.RunAsync(Timeout, cancellationToken, "validate", "-f", spec)).Seconds);
        // The floor of any apply: the same process with the smallest spec (one service), so what is left above it is the
        // cost of the ~500 objects and what is below it is the price of a .NET process with a one-member Akka cluster.
        // Full runs only: the quick run's spec is small enough to be near the floor itself.
        var smallest = Path.Combine(folder, "smallest.yaml");
        var smallestObjects = GeneratedCloud.Write(smallest, 6);
        var floor = new Samples();
        if (!run.Quick)
        {
            run.Report(Name, $"the floor: our apply of a one-service spec x {repetitions}, each on a fresh server");
            for (var i = 0; i < repetitions; i++)
                floor.Add((await OurApplyAsync(folder, smallest, repetitions + i, cancellationToken)).Total);
        }
        var measurements = new List<Measurement>
        {
            new($"{objects} objects vs kubectl apply", ours.Median, kubectl.Median, "s", "kubectl apply -f (client-side)",
                [GoalCondition.RatioAtMost(0.2)], repetitions),
            new($"{objects} objects vs kubectl apply --server-side", ours.Median, serverSide.Median, "s", "kubectl apply --server-side -f",
                [GoalCondition.RatioAtMost(0.2)], repetitions),
        };
        var notes = new List<string>
        {
            $"spec: {objects} rendered objects, 3 controller nodes, two dependency levels (API services depend on pinned ones); kubelet readiness delay 0ms",
            "ours: `orchestrator apply -f SPEC --kubeconfig K -o json` as a process until the deployment is Ready (a fresh SQLite journal each time); "
                + "kubectl: the same spec's `orchestrator render` YAML; every command timed from process start to exit, each on a fresh `orchestrator simulate` process",
            $"ours: {ours.Median:0.00}s (min {ours.Min:0.00}, max {ours.Max:0.00}); kubectl apply {kubectl.Median:0.00}s (min {kubectl.Min:0.00}, max {kubectl.Max:0.00}); "
                + $"--server-side {serverSide.Median:0.00}s (min {serverSide.Min:0.00}, max {serverSide.Max:0.00})",
            $"ours wrote a median of {Median(stages, s => s.ApiWrites):0} API objects ({Median(stages, s => s.ApiWrites) / objects:0.00} per rendered object)",
            $"stages of ours (medians, from its progress lines): {Median(stages, s => s.OutsideClock):0.00}s outside apply's clock (runtime start, spec, "
                + $"shutdown; a whole `orchestrator validate -f SPEC` process takes {startup.Median:0.00}s), {Median(stages, s => s.ToFirstStatus):0.00}s until the "
                + $"first deployment status (actor system, one-member cluster, coordinator singleton), {Median(stages, s => s.ToFirstApplying):0.00}s from there to "
                + $"the first service Applying, {Median(stages, s => s.ToReady):0.00}s from there to Ready (the writes of both levels and their rollouts)",
            $"kubectl: {kubectlVersion}",
        };
        if (floor.Count > 0)
            notes.Add($"floor: our apply of the smallest spec (one service, {smallestObjects} objects) on a fresh server took {floor.Median:0.00}s "
                + $"(min {floor.Min:0.00}, max {floor.Max:0.00}), {floor.Median / kubectl.Median:0.00}x kubectl's time for all {objects} objects"
                + (floor.Median > 0.2 * kubectl.Median ? " (the start alone is above the goal of 0.2)" : "")
                + $"; the {objects - smallestObjects} further objects add {ours.Median - floor.Median:0.00}s");
        return new FigureResult(Name, "orchestrator simulate (a separate process per command, readiness delay 0ms, no agents)",
            "sqlite (a fresh file per apply)", measurements, notes);
    }

    private static double Median(IEnumerable<ApplyStages> stages, Func<ApplyStages, double> stage)
    {
        var samples = new Samples();
        foreach (var s in stages)
            samples.Add(stage(s));
        return samples.Median;
    }

    private static async Task<ApplyStages> OurApplyAsync(string folder, string spec, int repetition, CancellationToken cancellationToken)
    {
        await using var cluster = await SimulatedClusterProcess.StartAsync(spec, "0ms", Path.Combine(folder, $"ours-{repetition}.kubeconfig"), cancellationToken);
        return await ApplyProcess.RunAsync(spec, cluster.Kubeconfig, Path.Combine(folder, $"journal-{repetition}.db"), cancellationToken);
    }

    private static async Task<double> KubectlApplyAsync(string folder, string spec, string rendered, int repetition, bool serverSide, CancellationToken cancellationToken)
    {
        var name = serverSide ? "ssa" : "csa";
        await using var cluster = await SimulatedClusterProcess.StartAsync(spec, "0ms", Path.Combine(folder, $"{name}-{repetition}.kubeconfig"), cancellationToken);
        List<string> arguments = ["apply", "--kubeconfig", cluster.Kubeconfig, "-f", rendered];
        if (serverSide)
            arguments.Add("--server-side");
        var (exit, output, seconds, _) = await ChildProcess.RunAsync("kubectl", arguments, Timeout, cancellationToken);
        if (exit != 0)
            throw new InvalidOperationException($"kubectl {string.Join(' ', arguments)} exited {exit}: {Tail(output)}");
        return seconds;
    }

    private static async Task<string?> ProgramVersionAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        try
        {
            var (exit, output, _, _) = await ChildProcess.RunAsync(program, arguments, TimeSpan.FromSeconds(30), cancellationToken);
            return exit == 0 ? output.Split('\n')[0].Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string Tail(string output) => output.Length > 800 ? "..." + output[^800..] : output;
}
