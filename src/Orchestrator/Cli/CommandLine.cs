using System.CommandLine;

namespace Orchestrator.Cli;

/// <summary>The `orchestrator` command tree. Each command lives in its own static class.</summary>
public static class CommandLine
{
    public static int Run(string[] args)
    {
        var root = new RootCommand("Installs OpenStack on Kubernetes from one declarative document and keeps it healthy.");
        foreach (var command in Commands())
            root.Subcommands.Add(command);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                Console.Error.WriteLine($"error: {error.Message}");
            return ExitCodes.BadInput;
        }
        return parsed.Invoke();
    }

    private static IEnumerable<Command> Commands()
    {
        yield return ValidateCommand.Create();
        yield return RenderCommand.Create();
        yield return AgentCommand.Create();
        yield return SimulateCommand.Create();
        yield return ApplyCommand.Create();
        yield return StatusCommand.Create();
        yield return AuditCommand.Create();
        yield return BenchCommand.Create();
    }
}
