using System.CommandLine;
using Orchestrator.Actors.Deployments;
using Orchestrator.Adapters.Kubernetes;
using Orchestrator.Hosting;
using Serilog.Events;

namespace Orchestrator.Cli;

/// <summary>
/// `orchestrator run [--kubeconfig PATH] [--journal URI] [--namespace NS ...] [--http ADDRESS:PORT]`: the long-running
/// operator. It watches OpenStackDeployment objects (every namespace unless narrowed) and converges each through the
/// coordinators and supervisors `apply` uses, until SIGTERM or SIGINT, then leaves the cluster and exits 0. The
/// journal keeps where every deployment stands, so the next start carries on.
/// </summary>
public static class RunCommand
{
    public const string Name = "run";

    public static Command Create()
    {
        var kubeconfig = new Option<FileInfo?>("--kubeconfig") { Description = "The cluster (its current context); default: the pod's service account (in-cluster)." };
        var journal = new Option<string>("--journal")
        {
            Description = "Where the actors' journal lives: sqlite:PATH or postgres://user@host:port/db (default: $ORCHESTRATOR_JOURNAL, else "
                + JournalLocation.Default + ").",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ORCHESTRATOR_JOURNAL") is { Length: > 0 } fromEnvironment
                ? fromEnvironment
                : JournalLocation.Default,
        };
        var namespaces = new Option<string[]>("--namespace")
        {
            Description = "Watch OpenStackDeployment objects in this namespace only (repeatable; default: every namespace).",
            AllowMultipleArgumentsPerToken = false,
        };
        var http = new Option<string>("--http")
        {
            Description = "ADDRESS:PORT of /healthz, /readyz and /metrics ('off': none).",
            DefaultValueFactory = _ => "0.0.0.0:8080",
        };
        var passwordFile = JournalOptions.PasswordFile();
        var listen = new Option<string?>("--listen")
        {
            Description = $"HOST:PORT of this cluster member's remoting (default: $POD_IP:{ClusterMembership.DefaultPort} in a pod, else 127.0.0.1 on a free port).",
        };
        var seeds = new Option<string?>("--seed-nodes")
        {
            Description = "HOST:PORT,... of the members to join, in the same order on every member (default: none, a cluster of one).",
        };
        var akkaConfig = JournalOptions.AkkaConfig();
        var verbose = new Option<bool>("--verbose") { Description = "Log every event and API call on stderr." };
        var command = new Command(Name, "Run the operator: reconcile OpenStackDeployment objects until stopped.")
        {
            kubeconfig, journal, passwordFile, namespaces, http, listen, seeds, akkaConfig, verbose,
        };
        command.SetAction((parsed, cancellation) => RunAsync(parsed.GetValue(kubeconfig), parsed.GetValue(journal)!,
            parsed.GetValue(namespaces) ?? [], parsed.GetValue(http)!, parsed.GetValue(listen), parsed.GetValue(seeds), parsed.GetValue(akkaConfig),
            parsed.GetValue(verbose), Console.Error, cancellation, parsed.GetValue(passwordFile)));
        return command;
    }

    public static async Task<int> RunAsync(FileInfo? kubeconfig, string journalText, string[] namespaces, string httpText, string? listenText,
        string? seedsText, string? akkaConfig, bool verbose, TextWriter stderr, CancellationToken cancellation, string? passwordFile = null)
    {
        var errors = new List<string>();
        var (configuration, kubeconfigError) = kubeconfig is null ? (null, null) : KubeconfigFile.Load(kubeconfig.FullName);
        if (kubeconfigError is not null)
            errors.Add(kubeconfigError);
        var listen = ClusterMembership.ParseListen(listenText, Environment.GetEnvironmentVariable("POD_IP"), errors);
        var seedNodes = ClusterMembership.ParseSeeds(seedsText, errors);
        var (journal, journalError) = JournalPassword.Locate(journalText, passwordFile);
        if (journalError is not null)
            errors.Add(journalError);
        var membership = listen is { } self ? new ClusterMembership(self.Host, self.Port, seedNodes) : null;
        if (membership is { HasOtherMembers: true } && journal?.SqliteFile is not null)
            errors.Add("--journal: several members (--seed-nodes) need one journal they all share (postgres://...); sqlite:PATH is one member's file");
        var (hocon, hoconError) = AkkaConfigFile.Read(akkaConfig);
        if (hoconError is not null)
            errors.Add(hoconError);
        var (endpoint, httpError) = HttpEndpoint.Parse(httpText);
        if (httpError is not null)
            errors.Add(httpError);
        foreach (var ns in namespaces.Where(n => !Messages.Spec.Validation.DnsNames.IsLabel(n)))
            errors.Add($"--namespace: '{ns}' is not a namespace name (a DNS-1123 label)");
        if (errors.Count > 0)
        {
            foreach (var error in errors)
                stderr.WriteLine(error);
            return ExitCodes.BadInput;
        }

        // Before anything starts: a journal or a cluster that cannot be reached is one line naming the cause, exit 1.
        if (await JournalPreflight.CheckAsync(journal!, forWriting: true, cancellation) is { } journalProblem)
        {
            stderr.WriteLine(journalProblem);
            return ExitCodes.Failed;
        }
        try
        {
            configuration ??= k8s.KubernetesClientConfiguration.InClusterConfig();
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or InvalidOperationException or IOException)
        {
            stderr.WriteLine($"run: not inside a Kubernetes pod and no --kubeconfig given ({e.Message.Split('\n', 2)[0].Trim()})");
            return ExitCodes.BadInput;
        }
        if (await ClusterPreflight.CheckAsync(configuration, cancellation) is { } clusterProblem)
        {
            stderr.WriteLine(clusterProblem);
            return ExitCodes.Failed;
        }

        var logger = Logging.Configure(verbose ? LogEventLevel.Debug : LogEventLevel.Warning);
        using (var adapter = KubernetesAdapterFactory.FromConfiguration(configuration, logger))
        {
            if (journal!.SqliteFile is { } file)
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            // SIGTERM and SIGINT cancel this token (ShutdownSignals, registered when the process starts): the member
            // leaves, and CommandLine exits 0 for `run`, whose normal end is a signal.
            var stop = cancellation;
            var kubernetes = new RefusalTranslatingKubernetes(adapter);
            await using var system = await OrchestratorSystem.StartAsync(new OrchestratorOptions(kubernetes, journal, hocon!, membership!,
                CoordinatorTimings.Default, TimeProvider.System, namespaces), stop);
            await using var server = endpoint is null ? null : await OperatorEndpoints.StartAsync(endpoint, system, journal, kubernetes, namespaces, stop);
            logger.Information("operator running: watching OpenStackDeployment objects in {Namespaces}, journal {Journal}, http {Http}, member {Member}",
                namespaces.Length == 0 ? "every namespace" : string.Join(", ", namespaces), journal.Display, endpoint?.ToString() ?? "off", membership);
            var signalled = Task.Delay(Timeout.Infinite, stop);
            await Task.WhenAny(signalled, system.System.WhenTerminated);
            if (!stop.IsCancellationRequested && !system.StoppedByProcessExit)
            {
                // Not asked to stop: the cluster downed this member (the split-brain resolver, on the minority side of a
                // partition, or the others removed it). It has left; a non-zero exit makes Kubernetes start it afresh.
                stderr.WriteLine($"run: this member was removed from the cluster ({system.LeaveReason}); exiting so that it is started again");
                return ExitCodes.Failed;
            }
            logger.Information("operator stopping: leaving the cluster");
        }
        return ExitCodes.Ok;
    }
}
