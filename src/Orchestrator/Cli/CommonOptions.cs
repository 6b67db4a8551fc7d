using System.CommandLine;

namespace Orchestrator.Cli;

/// <summary>The options that several commands share, so each is spelled and described once.</summary>
public static class CommonOptions
{
    public static Option<FileInfo> SpecFile() => new("--file", "-f")
    {
        Description = "The OpenStackDeployment document (YAML).",
        Required = true,
    };

    /// <summary>-o: a format for a person (the first value) or for a program.</summary>
    public static Option<string> Output(params string[] formats) => new Option<string>("--output", "-o")
    {
        Description = "Output format: " + string.Join(" | ", formats) + ".",
        DefaultValueFactory = _ => formats[0],
    }.AcceptOnlyFromAmong(formats);
}
