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

    /// <summary>Polls a condition until it holds or the bound passes (no fixed sleeps: the wait ends as soon as it holds).</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> holds, TimeSpan bound, string what)
    {
        var deadline = DateTime.UtcNow + bound;
        T last;
        while (true)
        {
            last = await probe();
            if (holds(last))
                return last;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what} did not happen within {bound.TotalSeconds}s; last seen: {last}");
            await Task.Delay(50);
        }
    }
}
