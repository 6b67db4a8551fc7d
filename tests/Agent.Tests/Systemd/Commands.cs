using System.Diagnostics;

namespace Orchestrator.Agent.Tests.Systemd;

/// <summary>Runs the tools the real-systemd tests drive (mount, ip, nsenter, nft) with argument lists.</summary>
public static class Commands
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    public static async Task<string> RunCheckedAsync(params string[] command)
    {
        var (exitCode, output) = await RunAsync(command);
        if (exitCode != 0)
            throw new InvalidOperationException($"{string.Join(' ', command)} exited {exitCode}: {output}");
        return output;
    }
}
