using System.CommandLine;
using Orchestrator.Actors.Rendering;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Cli;

/// <summary>
/// `orchestrator render -f FILE [-o yaml|json] [--state-dir DIR]`: prints every object the spec becomes, the
/// same way each time; a dry run that `kubectl apply -f -` accepts.
/// </summary>
public static class RenderCommand
{
    public static Command Create()
    {
        var file = CommonOptions.SpecFile();
        var output = CommonOptions.Output("yaml", "json");
        var stateDirectory = new Option<DirectoryInfo>("--state-dir")
        {
            Description = "Where render keeps the TLS key and certificate it generated (under tls/), so the next render prints the same.",
            DefaultValueFactory = _ => new DirectoryInfo(".orchestrator"),
        };
        var command = new Command("render", "Prints every Kubernetes object and host unit the spec becomes (a dry run).")
        {
            file, output, stateDirectory,
        };
        command.SetAction(parsed => Run(
            parsed.GetValue(file)!, parsed.GetValue(output)!, parsed.GetValue(stateDirectory)!, Console.Out, Console.Error));
        return command;
    }

    public static int Run(FileInfo file, string format, DirectoryInfo stateDirectory, TextWriter stdout, TextWriter stderr)
    {
        var loaded = SpecLoader.Load(file.FullName);
        var errors = loaded.Errors.Select(e => e.ToString()).ToList();
        OptionChecks.WritableFolder("--state-dir", stateDirectory.FullName, errors);
        if (!loaded.IsValid || errors.Count > 0)
        {
            foreach (var error in errors)
                stderr.WriteLine(error);
            return ExitCodes.BadInput;
        }
        var deployment = loaded.Deployment!;
        var state = new TlsStateDirectory(stateDirectory);
        var keys = new HashKeyStateFile(stateDirectory);
        var @namespace = deployment.Metadata.Namespace;
        var secretName = deployment.Spec.Tls.SecretName;

        RenderedDeployment rendered;
        try
        {
            var existing = deployment.Spec.Tls.Generate ? state.Read(@namespace, secretName) : null;
            rendered = DesiredStateRenderer.Render(deployment, existing, hashKey: keys.Read(@namespace));
            if (rendered.Tls is { } generated)
                state.Write(@namespace, secretName, generated);
            keys.Write(@namespace, rendered.HashKey);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without the stored key the next render would print another one: better to print nothing.
            stderr.WriteLine($"--state-dir: cannot keep the generated TLS material and hash key in {stateDirectory.FullName}: {e.Message}");
            return ExitCodes.Failed;
        }

        stdout.Write(format == "json"
            ? RenderedOutput.ToJsonList(rendered.Objects)
            : RenderedOutput.ToYaml(rendered.Objects));
        return ExitCodes.Ok;
    }
}
