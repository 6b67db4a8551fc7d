using System.CommandLine;
using System.Diagnostics;
using Akka.Actor;
using Orchestrator.Actors.Deployments;
using Orchestrator.Hosting;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Spec;
using Orchestrator.Reporting;
using Serilog.Events;
using Spectre.Console;

namespace Orchestrator.Cli;

/// <summary>
/// `orchestrator apply -f FILE (--simulate | --kubeconfig PATH) [--journal URI] [--timeout D] [-o table|json]`:
/// writes the OpenStackDeployment object (its CRD first when the cluster lacks it), then runs the operator in this
/// process, watching that namespace, until the object's new generation is Ready (exit 0), Failed or not Ready in time
/// (1). So a spec applied here and one applied with kubectl are reconciled by the same code. Bad input (exit 2) is
/// found before anything starts, so nothing is applied from it.
/// </summary>
public static class ApplyCommand
{
    public sealed record Arguments(FileInfo File, bool Simulate, FileInfo? Kubeconfig, string Journal, string Timeout,
        string Output, int Port, string? AkkaConfig, bool Verbose, string HostsDirectory = ".orchestrator/hosts",
        string? ArtifactsDirectory = null, string? JournalPasswordFile = null);

    public static Command Create()
    {
        var file = CommonOptions.SpecFile();
        var simulate = new Option<bool>("--simulate") { Description = "Start a simulated cluster with the spec's nodes inside this process." };
        var kubeconfig = new Option<FileInfo?>("--kubeconfig") { Description = "The cluster to apply to (its current context)." };
        var journal = new Option<string>("--journal")
        {
            Description = "Where the actors' journal lives: sqlite:PATH or postgres://user:pass@host:port/db.",
            DefaultValueFactory = _ => JournalLocation.Default,
        };
        var passwordFile = JournalOptions.PasswordFile();
        var timeout = new Option<string>("--timeout") { Description = "How long to wait for Ready (90s, 10m, 1h).", DefaultValueFactory = _ => "10m" };
        var output = CommonOptions.Output("table", "json");
        var port = new Option<int>("--port") { Description = "The cluster member's port on 127.0.0.1 (0: any free port).", DefaultValueFactory = _ => 0 };
        var akkaConfig = new Option<string?>("--akka-config") { Description = $"The HOCON file of Akka's settings (default: akka.hocon beside the executable, or ${AkkaConfigFile.EnvironmentVariable})." };
        var verbose = new Option<bool>("--verbose") { Description = "Log every Kubernetes API operation on stderr, one line each (reads, unchanged objects and retries included), and the actors' progress." };
        var hostsDirectory = new Option<string>("--hosts-dir")
        {
            Description = "With --simulate: where the simulated hosts keep their files, one folder per node.",
            DefaultValueFactory = _ => ".orchestrator/hosts",
        };
        var artifacts = new Option<string?>("--artifacts")
        {
            Description = "With --simulate: the folder the simulated node agents read the host services' `source` paths under "
                + "(a simulated node has no agent image). Default: the spec file's folder.",
        };
        var command = new Command("apply", "Converge the cluster to the spec and keep going until it is Ready; exit 0 only when Ready.")
        {
            file, simulate, kubeconfig, journal, passwordFile, timeout, output, port, akkaConfig, verbose, hostsDirectory, artifacts,
        };
        command.SetAction(async (parsed, cancellation) =>
        {
            // stdout carries only the result (a table or one JSON object): whatever a library prints while the
            // actor systems run or stop goes to stderr instead.
            var stdout = Console.Out;
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });
            Console.SetOut(Console.Error);
            try
            {
                return await RunAsync(new Arguments(parsed.GetValue(file)!, parsed.GetValue(simulate),
                    parsed.GetValue(kubeconfig), parsed.GetValue(journal)!, parsed.GetValue(timeout)!, parsed.GetValue(output)!,
                    parsed.GetValue(port), parsed.GetValue(akkaConfig), parsed.GetValue(verbose), parsed.GetValue(hostsDirectory)!,
                    parsed.GetValue(artifacts), parsed.GetValue(passwordFile)),
                    console, stdout, Console.Error, cancellation);
            }
            finally
            {
                Console.SetOut(stdout);
            }
        });
        return command;
    }

    public static async Task<int> RunAsync(Arguments arguments, IAnsiConsole console, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        var errors = new List<string>();
        if (arguments.Simulate == (arguments.Kubeconfig is not null))
            errors.Add("apply: give exactly one of --simulate or --kubeconfig PATH");
        var (kubeconfig, kubeconfigError) = arguments.Kubeconfig is { } file ? KubeconfigFile.Load(file.FullName) : (null, null);
        if (kubeconfigError is not null)
            errors.Add(kubeconfigError);
        if (arguments.ArtifactsDirectory is { } artifactsDirectory && !Directory.Exists(artifactsDirectory))
            errors.Add($"--artifacts: no folder at {Path.GetFullPath(artifactsDirectory)}");
        var timeout = OptionChecks.Duration("--timeout", arguments.Timeout, OptionChecks.LongestTimeout, errors) ?? TimeSpan.Zero;
        OptionChecks.ListenPort("--port", arguments.Port, errors);
        if (arguments.Simulate)
            OptionChecks.WritableFolder("--hosts-dir", arguments.HostsDirectory, errors);
        var (journal, journalError) = JournalPassword.Locate(arguments.Journal, arguments.JournalPasswordFile);
        if (journalError is not null)
            errors.Add(journalError);
        var (hocon, hoconError) = AkkaConfigFile.Read(arguments.AkkaConfig);
        if (hoconError is not null)
            errors.Add(hoconError);
        var loaded = SpecLoader.Load(arguments.File.FullName);
        errors.AddRange(loaded.Errors.Select(e => e.ToString()));
        if (arguments.Simulate && loaded.Deployment is { } simulated && errors.Count == 0)
            errors.AddRange(SimulatedSources.Problems(simulated, arguments.ArtifactsDirectory ?? arguments.File.DirectoryName!));
        if (errors.Count > 0 || loaded.Deployment is not { } deployment)
        {
            foreach (var error in errors)
                stderr.WriteLine(error);
            return ExitCodes.BadInput;
        }

        // The journal and the cluster are looked at once, before any actor starts, so that one that cannot be used is
        // one line naming the cause within seconds, and nothing has been written to the cluster.
        if (await JournalPreflight.CheckAsync(journal!, forWriting: true, cancellation) is { } journalProblem)
        {
            stderr.WriteLine(journalProblem);
            return ExitCodes.Failed;
        }
        if (kubeconfig is not null && await ClusterPreflight.CheckAsync(kubeconfig, cancellation) is { } clusterProblem)
        {
            stderr.WriteLine($"--kubeconfig {arguments.Kubeconfig!.FullName}: {clusterProblem}");
            return ExitCodes.Failed;
        }
        if (cancellation.IsCancellationRequested)
            return ExitCodes.Failed;

        var logger = Logging.Configure(arguments.Verbose ? LogEventLevel.Debug : LogEventLevel.Warning);
        logger.Information("applying {Deployment} with journal {Journal}", deployment.Metadata.Name, journal!.Display);
        var clock = TimeProvider.System;
        var stopwatch = Stopwatch.StartNew();
        ClusterConnection connection;
        try
        {
            connection = arguments.Simulate
                ? await SimulateAsync(deployment, arguments.HostsDirectory,
                    arguments.ArtifactsDirectory ?? arguments.File.DirectoryName!, logger, cancellation)
                : ClusterConnection.FromKubeconfig(arguments.Kubeconfig!.FullName, logger);
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or ArgumentException)
        {
            stderr.WriteLine(e is ArgumentException argument ? argument.Message.Split(" (Parameter", 2)[0] : $"--kubeconfig: {e.Message}");
            return ExitCodes.BadInput;
        }
        await using var cluster = connection;
        var key = new DeploymentKey(deployment.Metadata.Namespace, deployment.Metadata.Name);
        long generation;
        try
        {
            generation = await DeploymentObject.WriteAsync(cluster.Adapter, deployment, cancellation);
        }
        catch (Adapters.Kubernetes.KubernetesApiException e)
        {
            stderr.WriteLine($"apply: the OpenStackDeployment {key} could not be written: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            // A signal before the object was written: nothing was handed to the operator (the exit code is the signal's).
            return ExitCodes.Failed;
        }
        var system = await OrchestratorSystem.StartAsync(new OrchestratorOptions(new RefusalTranslatingKubernetes(cluster.Adapter), journal,
            hocon!, ClusterMembership.Alone(arguments.Port), CoordinatorTimings.Default, clock, [key.Namespace]), cancellation);
        await using (system)
        {
            var watched = new WatchedDeployment(system, key, generation);
            var interactive = arguments.Output == "table" && !Console.IsOutputRedirected && console.Profile.Capabilities.Interactive
                && console.Profile.Capabilities.Ansi;
            var progress = arguments.Output == "json" ? stderr : stdout;
            var last = interactive
                ? await WatchLiveAsync(watched, console, timeout, stopwatch, cancellation)
                : await WatchPlainAsync(watched, progress, timeout, stopwatch, cancellation);
            if (last.Status == DeploymentStatus.Ready && watched.Finished(last))
                await WrittenStatusAsync(cluster.Adapter, key, generation, timeout - stopwatch.Elapsed, cancellation);
            var report = new ApplyReport(last, cluster.Adapter.Writes.Total, stopwatch.Elapsed,
                last.Status is not (DeploymentStatus.Ready or DeploymentStatus.Failed));
            if (arguments.Output == "json")
                stdout.WriteLine(DeploymentStatusView.ToJson(report));
            else
            {
                console.Write(DeploymentStatusView.Table(last));
                console.WriteLine($"{last.Status} after {report.Elapsed.TotalSeconds:0.0}s{(report.TimedOut ? " (timed out)" : "")}, {report.ApiWrites} API write(s)");
            }
            return last.Status == DeploymentStatus.Ready && watched.Finished(last) ? ExitCodes.Ok : ExitCodes.Failed;
        }
    }

    /// <summary>
    /// The coordinator answers from memory; the object's status is written by its status writer a moment later (at most
    /// one write a second). apply is done when what the cluster shows says so too: its status Ready at this generation with
    /// every service and node counted ready, so that an apply that exits 0 never leaves a stale status behind for the
    /// next one to write. Bounded by what is left of the timeout; a status not there by then is left to the operator.
    /// </summary>
    private static async Task WrittenStatusAsync(Adapters.Kubernetes.KubernetesAdapter adapter, DeploymentKey key, long generation, TimeSpan left,
        CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + (left > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : left);
        while (DateTime.UtcNow < deadline && !cancellation.IsCancellationRequested)
        {
            var status = (await adapter.GetAsync<Actors.Kubernetes.OpenStackDeploymentResource>(key.Namespace, key.Name, cancellation))?.Status;
            if (status is not null && status.ObservedGeneration >= generation && AllCounted(status.ReadyServices) && AllCounted(status.ReadyNodes)
                && status.Conditions.Any(c => c.Type == Actors.Operator.DeploymentConditions.Ready && c.Status == "True" && c.ObservedGeneration >= generation))
                return;
            await Task.Delay(PollInterval, cancellation);
        }
    }

    /// <summary>"24/24": every one counted ready.</summary>
    private static bool AllCounted(string? readyOfAll) =>
        readyOfAll?.Split('/') is [var ready, var all] && ready == all;

    /// <summary>The simulated hosts use Linux file modes and paths; elsewhere `--simulate` is refused before anything starts.</summary>
    private static Task<ClusterConnection> SimulateAsync(OpenStackDeployment deployment, string hostsDirectory, string artifactsDirectory,
        Serilog.ILogger logger, CancellationToken cancellation) =>
        OperatingSystem.IsLinux()
            ? ClusterConnection.SimulateAsync(deployment, hostsDirectory, artifactsDirectory, logger, cancellation)
            : throw new ArgumentException("--simulate needs Linux (its simulated hosts are Linux file trees)");

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The deployment this apply wrote, and the generation of the object it waits for.</summary>
    private sealed record WatchedDeployment(OrchestratorSystem System, DeploymentKey Key, long Generation)
    {
        /// <summary>
        /// The coordinator's answer. One that is slow (its shard still being allocated, its journal slowed under load) is
        /// asked again at the next poll with the last answer standing, never a crash; a signal ends the wait.
        /// </summary>
        public async Task<DeploymentStatusResult> StatusAsync(DeploymentStatusResult? last, CancellationToken cancellation)
        {
            try
            {
                return await System.StatusAsync(Key, StatusWait).WaitAsync(cancellation);
            }
            catch (Exception e) when (e is AskTimeoutException or OperationCanceledException)
            {
                return last ?? new DeploymentStatusResult(null, DeploymentStatus.Pending, "no answer from the coordinator yet", [], []);
            }
        }

        private static readonly TimeSpan StatusWait = TimeSpan.FromSeconds(10);

        /// <summary>Ready or Failed, for the generation written (an earlier generation's Ready is no answer).</summary>
        public bool Finished(DeploymentStatusResult status) =>
            status.Status is DeploymentStatus.Ready or DeploymentStatus.Failed && status.Deployment is not null
            && status.ObservedGeneration >= Generation;
    }

    private static async Task<DeploymentStatusResult> WatchPlainAsync(WatchedDeployment watched, TextWriter progress, TimeSpan timeout,
        Stopwatch stopwatch, CancellationToken cancellation)
    {
        DeploymentStatusResult? last = null;
        while (true)
        {
            var now = await watched.StatusAsync(last, cancellation);
            foreach (var line in DeploymentStatusView.Changes(last, now, stopwatch.Elapsed))
                progress.WriteLine(line);
            last = now;
            if (watched.Finished(now) || stopwatch.Elapsed >= timeout || cancellation.IsCancellationRequested)
                return now;
            await Task.Delay(PollInterval, CancellationToken.None);
        }
    }

    private static async Task<DeploymentStatusResult> WatchLiveAsync(WatchedDeployment watched, IAnsiConsole console, TimeSpan timeout,
        Stopwatch stopwatch, CancellationToken cancellation)
    {
        var last = await watched.StatusAsync(null, cancellation);
        await console.Live(DeploymentStatusView.Table(last)).AutoClear(true).StartAsync(async context =>
        {
            while (!watched.Finished(last) && stopwatch.Elapsed < timeout && !cancellation.IsCancellationRequested)
            {
                await Task.Delay(PollInterval, CancellationToken.None);
                last = await watched.StatusAsync(last, cancellation);
                context.UpdateTarget(DeploymentStatusView.Table(last));
            }
        });
        return last;
    }
}
