using System.Diagnostics;

namespace Orchestrator.Actors.Tests.Faults;

/// <summary>
/// `simulate` stopped while an apply drives it (watches open, pods starting, its in-process agents running): the first
/// signal stops it gracefully, to its last line, with the signal's code; a second one ends it at once.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class SimulateUnderLoadSpecs : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-simulate-load-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>simulate serving, and an apply against it with its rollout under way (its first progress line).</summary>
    private async Task<(Process Simulate, Process Apply)> UnderLoadAsync()
    {
        var kubeconfig = Path.Combine(_folder, "sim.kubeconfig");
        var simulate = FaultRun.Start(["simulate", "--nodes", "3", "--kubeconfig-out", kubeconfig, "--hosts-dir", Path.Combine(_folder, "hosts")], _folder);
        var listening = await simulate.StandardOutput.ReadLineAsync().WaitAsync(Bound);
        Assert.StartsWith("listening on", listening);
        var spec = Path.Combine(_folder, "cloud.yaml");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "EndToEnd", "cloud.yaml"), spec, overwrite: true);
        var apply = FaultRun.Start(["apply", "-f", spec, "--kubeconfig", kubeconfig, "--journal", "sqlite:" + Path.Combine(_folder, "journal.db"),
            "-o", "json", "--timeout", "90s"], _folder);
        string? line;
        do
            line = await apply.StandardError.ReadLineAsync().WaitAsync(Bound);
        while (line is not null && !line.Contains("service ", StringComparison.Ordinal));
        Assert.True(line is not null, "apply ended before its rollout was under way");
        return (simulate, apply);
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task The_first_signal_stops_simulate_under_load_gracefully_with_its_code(string signal, int code)
    {
        var (simulate, apply) = await UnderLoadAsync();
        using (simulate)
        using (apply)
        {
            FaultRun.Signal(simulate, signal);
            var stopped = await FaultRun.FinishAsync(simulate, Bound);
            apply.Kill(entireProcessTree: true);

            Assert.Equal(code, stopped.ExitCode);
            Assert.Contains($"SIG{signal}: stopping", stopped.Errors);
            // Its last line: the graceful stop finished, rather than the grace period running out.
            Assert.Contains("Simulated cluster stopped", stopped.Errors);
            Assert.False(stopped.HasStackTrace, stopped.Errors);
        }
    }

    [Fact]
    public async Task A_second_signal_ends_simulate_under_load_at_once()
    {
        var (simulate, apply) = await UnderLoadAsync();
        using (simulate)
        using (apply)
        {
            FaultRun.Signal(simulate, "TERM");
            FaultRun.Signal(simulate, "TERM");
            var stopped = await FaultRun.FinishAsync(simulate, Bound);
            apply.Kill(entireProcessTree: true);

            Assert.Equal(143, stopped.ExitCode);
            Assert.False(stopped.HasStackTrace, stopped.Errors);
        }
    }
}
