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
            Description = "Where the actors' journal lives: sqlite:PATH or postgres://user:pass@host:port/db.",
            DefaultValueFactory = _ => JournalLocation.Default,
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
        var port = new Option<int>("--port") { Description = "The cluster member's port on 127.0.0.1 (0: any free port).", DefaultValueFactory = _ => 0 };
        var akkaConfig = JournalOptions.AkkaConfig();
        var verbose = new Option<bool>("--verbose") { Description = "Log every event and API call on stderr." };
        var command = new Command(Name, "Run the operator: reconcile OpenStackDeployment objects until stopped.")
        {
            kubeconfig, journal, passwordFile, namespaces, http, port, akkaConfig, verbose,
        };
        command.SetAction((parsed, cancellation) => RunAsync(parsed.GetValue(kubeconfig), parsed.GetValue(journal)!,
            parsed.GetValue(namespaces) ?? [], parsed.GetValue(http)!, parsed.GetValue(port), parsed.GetValue(akkaConfig),
            parsed.GetValue(verbose), Console.Error, cancellation, parsed.GetValue(passwordFile)));
        return command;
    }

    public static async Task<int> RunAsync(FileInfo? kubeconfig, string journalText, string[] namespaces, string httpText, int port,
        string? akkaConfig, bool verbose, TextWriter stderr, CancellationToken cancellation, string? passwordFile = null)
    {
        var errors = new List<string>();
        var (configuration, kubeconfigError) = kubeconfig is null ? (null, null) : KubeconfigFile.Load(kubeconfig.FullName);
        if (kubeconfigError is not null)
            errors.Add(kubeconfigError);
        OptionChecks.ListenPort("--port", port, errors);
        var (journal, journalError) = JournalPassword.Locate(journalText, passwordFile);
        if (journalError is not null)
            errors.Add(journalError);
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
            await using var system = await OrchestratorSystem.StartAsync(new OrchestratorOptions(kubernetes, journal, hocon!, port,
                CoordinatorTimings.Default, TimeProvider.System, namespaces), stop);
            await using var server = endpoint is null ? null : await OperatorEndpoints.StartAsync(endpoint, system, journal, kubernetes, namespaces, stop);
            logger.Information("operator running: watching OpenStackDeployment objects in {Namespaces}, journal {Journal}, http {Http}",
                namespaces.Length == 0 ? "every namespace" : string.Join(", ", namespaces), journal.Display, endpoint?.ToString() ?? "off");
            try
            {
                await Task.Delay(Timeout.Infinite, stop);
            }
            catch (OperationCanceledException)
            {
                logger.Information("operator stopping: leaving the cluster");
            }
        }
        return ExitCodes.Ok;
    }
}
