using System.Diagnostics;
using System.Text.Json;

namespace Orchestrator.Actors.Tests.EndToEnd;

/// <summary>The built `orchestrator` executable run as a process, with an argument list (never a shell).</summary>
public static class OrchestratorProcess
{
    public static Process Start(string[] arguments, string? workingDirectory = null, System.Text.StringBuilder? errors = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
            start.WorkingDirectory = workingDirectory;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null && errors is not null)
                lock (errors)
                    errors.AppendLine(line.Data);
        };
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs to the end; stdout as lines, stderr as text.</summary>
    public static async Task<(int ExitCode, string[] Lines, string Errors)> RunLinesAsync(string[] arguments, TimeSpan bound,
        string? workingDirectory = null)
    {
        var errors = new System.Text.StringBuilder();
        using var process = Start(arguments, workingDirectory, errors);
        var output = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(bound);
        await process.WaitForExitAsync(timeout.Token);
        lock (errors)
            return (process.ExitCode, output.Split('\n', StringSplitOptions.RemoveEmptyEntries), errors.ToString());
    }

    /// <summary>Runs to the end and reads stdout as the one JSON object that `-o json` prints; stderr comes back as text.</summary>
    public static async Task<(int ExitCode, JsonElement Json, string Errors)> RunAsync(string[] arguments, TimeSpan bound,
        string? workingDirectory = null)
    {
        var errors = new System.Text.StringBuilder();
        using var process = Start(arguments, workingDirectory, errors);
        var output = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(bound);
        await process.WaitForExitAsync(timeout.Token);
        lock (errors)
            return (process.ExitCode, JsonDocument.Parse(output).RootElement.Clone(), errors.ToString());
    }
}
