using Orchestrator.Actors.Ports;
using Orchestrator.Adapters.Host;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Hosting;

/// <summary>
/// `apply --simulate` runs the node agents itself, so it can see before anything starts whether every host service's
/// source folder is there under --artifacts, by the rule the agent will apply (<see cref="SourceFolder"/>). A missing
/// one would otherwise start everything, go Degraded after the agent gives up and wait out the whole --timeout.
/// </summary>
public static class SimulatedSources
{
    /// <summary>One line per host service whose source the simulated agents could not copy.</summary>
    public static IReadOnlyList<string> Problems(OpenStackDeployment deployment, string artifactsRoot)
    {
        var problems = new List<string>();
        var services = deployment.Spec.Services;
        for (var i = 0; i < services.Count; i++)
        {
            if (services[i] is not { Kind: ServiceKind.Host, Source: { } source } service)
                continue;
            try
            {
                SourceFolder.Resolve(artifactsRoot, source);
            }
            catch (HostSafetyException refused)
            {
                problems.Add($"spec.services[{i}].source: service {service.Name}: {refused.Message} "
                    + $"(--artifacts {Path.GetFullPath(artifactsRoot)})");
            }
        }
        return problems;
    }
}
