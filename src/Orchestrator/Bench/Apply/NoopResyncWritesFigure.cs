using Orchestrator.Bench.Processes;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Bench.Apply;

/// <summary>
/// API writes when nothing changed: an unchanged deployment applied again (the same spec, journal and server, after it
/// converged: on the cloud <see cref="WritesPerChangedObjectFigure"/> converged and changed when it ran just before, else
/// on one of its own), and a stretch of steady state under `orchestrator run` (its watches, its resync every 2 s and its
/// drift repair every 10 s compare everything; level-triggered means nothing is written). The baseline is zero writes.
/// </summary>
public sealed class NoopResyncWritesFigure : IBenchFigure
{
    public string Name => "noop_resync_writes";

    public string What => "API writes of an unchanged deployment applied again, and during steady state under `orchestrator run` (goal 0)";

    public async Task<FigureResult> RunAsync(BenchRun run, CancellationToken cancellationToken)
    {
        await using var cloud = run.Converged.Take() ?? await ConvergeAsync(run, cancellationToken);
        var (server, spec, journal, deployment) = (cloud.Server, cloud.Spec, cloud.Journal, cloud.Deployment);
        run.Report(Name, $"{cloud.Objects} objects, converged ({cloud.History}): applying the same spec again x {run.SlowRepetitions}");
        var writes = new Samples();
        var seconds = new Samples();
        for (var i = 0; i < run.SlowRepetitions; i++)
        {
            var again = await ApplyProcess.RunAsync(spec, server.Kubeconfig, journal, cancellationToken);
            writes.Add(again.ApiWrites);
            seconds.Add(again.Total);
        }

        var window = run.Quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(60);
        run.Report(Name, $"steady state: `orchestrator run` on the same journal and server, then {window.TotalSeconds:0}s counted");
        var steady = await SteadyState.WritesAsync(server, journal, deployment, window, cancellationToken);
        var measurements = new List<Measurement>
        {
            new($"re-apply of {cloud.Objects} unchanged objects", writes.Median, 0, "writes", "zero writes", [GoalCondition.ValueAtMost(0)], run.SlowRepetitions),
            new($"{window.TotalSeconds:0}s of steady state under `run`", steady.Writes, 0, "writes", "zero writes", [GoalCondition.ValueAtMost(0)], 1),
        };
        var notes = new List<string>
        {
            $"{cloud.History}; each re-apply wrote {writes.Min:0} to {writes.Max:0} "
                + $"and took a median of {seconds.Median:0.0}s ({seconds.Min:0.0}-{seconds.Max:0.0}s) as a whole process",
            "re-apply writes are the apply's own count of writes the server accepted (`apiWrites`); steady-state writes are the server's count "
                + $"of every client's writes in the window, after `run` had taken the deployment over ({steady.Settle.TotalSeconds:0.0}s from its start until it watched the "
                + $"OpenStackDeployment and its observer listed the deployment's pods, its status said Ready and 5 s passed without a write; "
                + $"{steady.WritesWhileTakingOver} write(s) then)",
            $"steady state: {steady.Requests} request(s) in the window ({steady.RequestsWhat}); written: {(steady.Writes == 0 ? "nothing" : steady.WritesWhat)}",
        };
        return new FigureResult(Name, "in-process simulated cluster in the bench's process (readiness delay 0ms, no agents)",
            "sqlite (one file, kept between the applies and `run`)", measurements, notes);
    }

    /// <summary>The generated cloud converged on a server of this figure's own (when no figure before it left one).</summary>
    private async Task<ConvergedCloud> ConvergeAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var folder = run.FolderFor(Name);
        var spec = Path.Combine(folder, "cloud.yaml");
        var objects = GeneratedCloud.Write(spec, run.Size(500));
        var deployment = GeneratedSpec.Load(spec, "the generated spec");
        var journal = Path.Combine(folder, "journal.db");
        var server = await InProcessCluster.StartAsync(deployment, TimeSpan.Zero, folder, null, cancellationToken);
        try
        {
            run.Report(Name, $"{objects} objects: converging once");
            var first = await ApplyProcess.RunAsync(spec, server.Kubeconfig, journal, cancellationToken);
            return new ConvergedCloud(server, spec, journal, deployment, objects, $"converged once ({first.ApiWrites} writes in {first.Total:0.0}s)");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }
}
