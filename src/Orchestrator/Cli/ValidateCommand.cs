using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Cli;

/// <summary>`orchestrator validate -f FILE [-o table|json]`: checks a spec and reports every error at once.</summary>
public static class ValidateCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Reasons quote names with ' and paths hold "; programs read either escaped, people read them plain.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var file = CommonOptions.SpecFile();
        var output = CommonOptions.Output("table", "json");
        var command = new Command("validate", "Check a spec; print every error as field.path: reason. Exit 0 valid, 2 invalid.")
        {
            file,
            output,
        };
        command.SetAction(parsed => Run(parsed.GetValue(file)!, parsed.GetValue(output)!, Console.Out, Console.Error));
        return command;
    }

    /// <summary>Validates <paramref name="file"/>; the summary or JSON goes to stdout, errors for a person to stderr.</summary>
    public static int Run(FileInfo file, string output, TextWriter stdout, TextWriter stderr)
    {
        var result = SpecLoader.Load(file.FullName);
        var asJson = output == "json";
        if (result.Deployment is { } deployment)
        {
            if (asJson) stdout.WriteLine("[]");
            else stdout.WriteLine(Summary(file, deployment.Spec));
            return ExitCodes.Ok;
        }

        if (asJson)
        {
            var list = result.Errors.Select(error => new JsonError(error.Path, error.Reason, error.Line, error.Column));
            stdout.WriteLine(JsonSerializer.Serialize(list, Json));
        }
        else
        {
            foreach (var error in result.Errors)
                stderr.WriteLine(error);
            // A file that cannot be read has one error naming the file; a count would add nothing to it.
            var unreadable = result.Errors is [{ Line: null } only] && only.Path == file.FullName;
            if (!unreadable)
                stderr.WriteLine($"{file.Name}: {Count(result.Errors.Count, "error")}; the spec is not valid");
        }
        return ExitCodes.BadInput;
    }

    private static string Summary(FileInfo file, DeploymentSpec spec)
    {
        int Of(ServiceKind kind) => spec.Services.Count(service => service.Kind == kind);
        return $"{file.Name} is valid: {Count(spec.Services.Count, "service")} " +
               $"({Of(ServiceKind.Api)} api, {Of(ServiceKind.Pinned)} pinned, {Of(ServiceKind.Host)} host), " +
               $"{Count(spec.Nodes.Count, "node")}";
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private sealed record JsonError(string Path, string Reason, int? Line, int? Column);
}
