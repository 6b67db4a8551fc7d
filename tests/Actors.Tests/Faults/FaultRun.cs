using System.Diagnostics;
using System.Text;

namespace Orchestrator.Actors.Tests.Faults;

/// <summary>The built `orchestrator` executable run as a process (an argument list, never a shell), to its end or a bound.</summary>
public static class FaultRun
{
    public sealed record Result(int ExitCode, string Out, string Errors)
    {
        public string[] ErrorLines => Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        /// <summary>
        /// What no fault may print: a .NET stack frame, or a line that begins as an unhandled exception does
        /// ("System.AggregateException: ...", "Unhandled exception."). A log line may name a failure's type in its text.
        /// </summary>
        public bool HasStackTrace => ErrorLines.Any(line => line.StartsWith("at ", StringComparison.Ordinal)
            || line.StartsWith("Unhandled exception", StringComparison.Ordinal)
            || System.Text.RegularExpressions.Regex.IsMatch(line, @"^[\w.]+Exception(\b|:)"));
    }

    public static Process Start(IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        if (workingDirectory is not null)
            start.WorkingDirectory = workingDirectory;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    public static async Task<Result> RunAsync(IEnumerable<string> arguments, TimeSpan bound, string? workingDirectory = null)
    {
        using var process = Start(arguments, workingDirectory);
        return await FinishAsync(process, bound);
    }

    /// <summary>Reads both streams to the end and waits for the exit; a process still running at the bound is killed and fails the test.</summary>
    public static async Task<Result> FinishAsync(Process process, TimeSpan bound)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"the process did not end within {bound}; stderr so far: {await errors}");
        }
        return new Result(process.ExitCode, await output, await errors);
    }

    /// <summary>Sends a signal by name to the process (kill(1) with an argument list).</summary>
    public static void Signal(Process process, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString()])!;
        kill.WaitForExit();
    }
}
