using System.Diagnostics;

namespace Orchestrator.Adapters.Host;

public sealed record ProgramResult(int ExitCode, string Output, string Error);

/// <summary>
/// Runs a program with an argument list (never through a shell, so no text is ever interpreted) and collects
/// its output. A prefix (e.g. `ip netns exec NAME`) lets a caller run the same commands inside a namespace.
/// </summary>
public sealed class ProgramRunner(IReadOnlyList<string>? prefix = null)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    public async Task<ProgramResult> RunAsync(IReadOnlyList<string> command, string? input, CancellationToken cancellationToken)
    {
        var full = (prefix ?? []).Concat(command).ToList();
        var start = new ProcessStartInfo(full[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        foreach (var argument in full.Skip(1))
            start.ArgumentList.Add(argument);
        // systemctl and journalctl must not wait for a pager or a password agent.
        start.Environment["SYSTEMD_PAGER"] = "";
        start.Environment["SYSTEMD_COLORS"] = "0";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {full[0]}");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(limit.Token);
            var error = process.StandardError.ReadToEndAsync(limit.Token);
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input.AsMemory(), limit.Token);
                process.StandardInput.Close();
            }
            await process.WaitForExitAsync(limit.Token);
            return new ProgramResult(process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    /// <summary>Runs the command and throws, with its error output, when it exits non-zero.</summary>
    public async Task<string> RunCheckedAsync(IReadOnlyList<string> command, string? input, CancellationToken cancellationToken)
    {
        var result = await RunAsync(command, input, cancellationToken);
        if (result.ExitCode != 0)
            throw new HostCommandException($"{string.Join(' ', command.Take(4))}... exited {result.ExitCode}: {result.Error.Trim()}");
        return result.Output;
    }
}

public sealed class HostCommandException(string message) : Exception(message);
