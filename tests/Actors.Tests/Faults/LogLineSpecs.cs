namespace Orchestrator.Actors.Tests.Faults;

/// <summary>
/// What apply prints on stderr: quiet by default (progress lines only, none of Akka's own lines in its own format), and
/// with --verbose every Kubernetes API operation in our Serilog format, reads and unchanged objects included.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class LogLineSpecs : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(180);
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-logs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<FaultRun.Result> ApplyAsync(params string[] extra)
    {
        var spec = Path.Combine(_folder, "cloud.yaml");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "EndToEnd", "cloud.yaml"), spec, overwrite: true);
        var result = await FaultRun.RunAsync(["apply", "-f", spec, "--simulate", "-o", "json", "--timeout", "120s",
            "--journal", "sqlite:" + Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db"), "--hosts-dir", Path.Combine(_folder, "hosts"), .. extra],
            Bound, _folder);
        Assert.True(result.ExitCode == 0, result.Errors);
        return result;
    }

    [Fact]
    public async Task A_quiet_apply_prints_none_of_Akkas_own_lines()
    {
        var result = await ApplyAsync();

        Assert.DoesNotContain(result.ErrorLines, line => line.StartsWith("[INFO]", StringComparison.Ordinal) || line.Contains("Remoting shut down"));
    }

    [Fact]
    public async Task A_verbose_apply_logs_reads_and_unchanged_objects_in_our_format_and_no_Akka_format_line()
    {
        var result = await ApplyAsync("--verbose");

        Assert.Contains(result.ErrorLines, line => line.Contains(" DBG Kubernetes get ", StringComparison.Ordinal));
        Assert.Contains(result.ErrorLines, line => line.Contains(" INF Kubernetes apply ", StringComparison.Ordinal));
        Assert.DoesNotContain(result.ErrorLines, line => line.StartsWith('[') && line.Contains("][Thread ", StringComparison.Ordinal));
    }
}
