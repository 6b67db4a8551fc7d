using System.CommandLine;

namespace Orchestrator.Cli;

/// <summary>The `orchestrator` command tree. Each command lives in its own static class.</summary>
public static class CommandLine
{
    public static int Run(string[] args)
    {
        // First, so that a signal in the process's first second already stops it gracefully.
        using var signals = new ShutdownSignals(Console.Error);
        var root = new RootCommand("Installs OpenStack on Kubernetes from one declarative document and keeps it healthy.");
        foreach (var command in Commands())
            root.Subcommands.Add(command);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                Console.Error.WriteLine($"error: {ParseErrors.OneLine(error)}");
            return ExitCodes.BadInput;
        }
        // Signals are ours (ShutdownSignals), and so is the last word on a failure nobody foresaw: one line, no trace.
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
        int exit;
        try
        {
            exit = parsed.InvokeAsync(invocation, signals.Token).GetAwaiter().GetResult();
        }
        catch (Exception error) when (signals.Received && error is OperationCanceledException)
        {
            exit = ExitCodes.Failed;
        }
        catch (Exception error)
        {
            Console.Error.WriteLine($"error: {UnexpectedFailure.Describe(error)}");
            exit = ExitCodes.Failed;
        }
        // `run` is a daemon whose normal end is a signal (Kubernetes stops a pod with SIGTERM): a graceful stop is 0.
        if (signals.Received && exit == ExitCodes.Ok && parsed.CommandResult.Command.Name == RunCommand.Name)
            return ExitCodes.Ok;
        return signals.ExitCode ?? exit;
    }

    private static IEnumerable<Command> Commands()
    {
        yield return ValidateCommand.Create();
        yield return RenderCommand.Create();
        yield return AgentCommand.Create();
        yield return SimulateCommand.Create();
        yield return ApplyCommand.Create();
        yield return RunCommand.Create();
        yield return ClusterCommand.Create();
        yield return StatusCommand.Create();
        yield return AuditCommand.Create();
        yield return ExplainCommand.Create();
        yield return DiffCommand.Create();
        yield return BenchCommand.Create();
    }
}
