using System.CommandLine;
using System.Text.RegularExpressions;
using Orchestrator.Actors.Agent;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Rendering;
using Orchestrator.Adapters.Host;
using Orchestrator.Adapters.Kubernetes;
using Orchestrator.Hosting;
using Serilog;

namespace Orchestrator.Cli;

/// <summary>
/// `orchestrator agent --node NAME --host-root /host [--kubeconfig PATH]`: the node agent, run by the DaemonSet
/// on each stateful node (hostPID, hostNetwork, privileged, the host's / at /host). Runs until stopped.
/// </summary>
public static partial class AgentCommand
{
    public static Command Create()
    {
        var node = new Option<string>("--node") { Description = "The node this agent runs on (its HostUnits object has this name).", Required = true };
        var hostRoot = new Option<string>("--host-root") { Description = "Where the host's / is mounted.", DefaultValueFactory = _ => "/host" };
        var kubeconfig = new Option<FileInfo?>("--kubeconfig") { Description = "A kubeconfig file; without it, the pod's service account." };
        var poll = new Option<TimeSpan>("--poll-interval")
        {
            Description = "How often each unit is looked at with systemctl show.",
            DefaultValueFactory = _ => UnitSettings.Default.PollInterval,
        };
        var sourceRoots = new Option<string[]>("--source-root")
        {
            Description = "A folder of this container that host services' sources may be copied from (repeatable); others are refused.",
            DefaultValueFactory = _ => [NodeAgentRenderer.SourceRoot],
        };
        var command = new Command("agent", "Runs the node agent: installs, watches and restarts this node's host units.")
        {
            node, hostRoot, kubeconfig, poll, sourceRoots,
        };
        command.SetAction((parsed, cancellationToken) => Handler(
            parsed.GetValue(node)!, parsed.GetValue(hostRoot)!, parsed.GetValue(kubeconfig), parsed.GetValue(poll), cancellationToken,
            parsed.GetValue(sourceRoots)));
        return command;
    }

    public static async Task<int> Handler(string node, string hostRoot, FileInfo? kubeconfig, TimeSpan pollInterval, CancellationToken cancellationToken,
        IReadOnlyList<string>? sourceRoots = null)
    {
        sourceRoots ??= [NodeAgentRenderer.SourceRoot];
        if (!NodeName().IsMatch(node) || node.Length > 253)
            return BadInput("--node: must be a DNS-1123 subdomain (a Kubernetes node name)");
        var errors = new List<string>();
        OptionChecks.Range("--poll-interval", pollInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1), errors);
        foreach (var sourceRoot in sourceRoots)
            if (sourceRoot.Contains('\0') || !sourceRoot.StartsWith('/') || sourceRoot.Split('/').Contains(".."))
                errors.Add($"--source-root: '{sourceRoot.Replace("\0", "\\0", StringComparison.Ordinal)}' must be an absolute path without '..' or NUL");
        var (configuration, kubeconfigError) = kubeconfig is null ? (null, null) : KubeconfigFile.Load(kubeconfig.FullName);
        if (kubeconfigError is not null)
            errors.Add(kubeconfigError);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
                Console.Error.WriteLine($"error: {error}");
            return ExitCodes.BadInput;
        }
        if (!OperatingSystem.IsLinux())
        {
            Console.Error.WriteLine("error: the agent runs on Linux only");
            return ExitCodes.Failed;
        }

        using var logger = new LoggerConfiguration()
            .Enrich.WithProperty("Node", node)
            .WriteTo.Console(standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose)
            .CreateLogger();
        Log.Logger = logger;

        HostRoot root;
        IKubernetes kubernetes;
        try
        {
            root = new HostRoot(Path.GetFullPath(hostRoot));
            kubernetes = configuration is null
                ? KubernetesAdapterFactory.InCluster(logger)
                : KubernetesAdapterFactory.FromConfiguration(configuration, logger);
        }
        catch (Exception error) when (error is HostSafetyException or ArgumentException or InvalidOperationException or k8s.Exceptions.KubeConfigException)
        {
            return BadInput(error is HostSafetyException ? $"--host-root: {error.Message}" : error.Message);
        }
        if (configuration is not null && await ClusterPreflight.CheckAsync(configuration, cancellationToken) is { } unreachable)
        {
            Console.Error.WriteLine($"error: --kubeconfig {kubeconfig!.FullName}: {unreachable}");
            return ExitCodes.Failed;
        }

        var settings = UnitSettings.Default with { PollInterval = pollInterval };
        Akka.Actor.ActorSystem system;
        try
        {
            system = AgentActorSystem.Create("agent", root);
        }
        catch (HostSafetyException refused)
        {
            // A link planted at the agent's state folder: the agent stops rather than write through it, in one line, and
            // says why where it reports (its HostUnits status), so the services on this node show the reason at once.
            Console.Error.WriteLine($"error: --host-root {root.Path}: {refused.Message}");
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(RefusalReportBound);
            await AgentRefusal.ReportAsync(kubernetes, node, refused.Message, TimeProvider.System, TimeSpan.FromSeconds(2), once: true,
                failure => logger.Warning("The refusal could not be reported: {Reason}", failure), bounded.Token);
            return ExitCodes.Failed;
        }
        logger.Information("Agent for node {Node} started over host root {HostRoot}", node, root.Path);
        NodeAgent.Start(system, node, new LinuxHostSystem(root, sourceRoots), kubernetes, settings, TimeProvider.System);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.Information("Agent for node {Node} stopping", node);
        }
        await system.Terminate();
        return ExitCodes.Ok;
    }

    /// <summary>How long a refused agent waits for its HostUnits object to report into before it exits (its pod restarts it).</summary>
    private static readonly TimeSpan RefusalReportBound = TimeSpan.FromSeconds(30);

    private static int BadInput(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return ExitCodes.BadInput;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex NodeName();
}
