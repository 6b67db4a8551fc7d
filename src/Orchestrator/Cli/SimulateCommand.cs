using System.CommandLine;
using System.Globalization;
using Orchestrator.Hosting;
using Orchestrator.Messages.Spec;
using Orchestrator.SimulatedCluster;
using Serilog;
using Serilog.Events;

namespace Orchestrator.Cli;

/// <summary>
/// `orchestrator simulate`: serves the simulated cluster as its own process until SIGINT/SIGTERM, so that a
/// kill of the orchestrator leaves the cluster standing and a real kubectl can look at it.
/// </summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var nodes = new Option<int?>("--nodes") { Description = "Make N nodes, node-1 .. node-N (default 3)." };
        var nodesFrom = new Option<FileInfo?>("--nodes-from") { Description = "Make the nodes an OpenStackDeployment spec names." };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0: a free one).", DefaultValueFactory = _ => 0 };
        var kubeconfigOut = new Option<FileInfo?>("--kubeconfig-out") { Description = "Where to write the kubeconfig (default ./simulated.kubeconfig)." };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice (kubelet delays, faults).", DefaultValueFactory = _ => 1 };
        var readyDelay = new Option<string>("--ready-delay") { Description = "Kubelet delay to Running and again to Ready (e.g. 500ms, 2s).", DefaultValueFactory = _ => "200ms" };
        var errorRate = new Option<double>("--error-rate") { Description = "Fraction (0..1) of requests answered with --error-status." };
        var errorStatus = new Option<int>("--error-status") { Description = "500 or 429 (with Retry-After).", DefaultValueFactory = _ => 500 };
        var latency = new Option<string?>("--latency") { Description = "Delay added to every request (e.g. 20ms)." };
        var dropWatchEvents = new Option<int>("--drop-watch-after-events") { Description = "End every watch after N events (0: never)." };
        var dropWatchAfter = new Option<string?>("--drop-watch-after") { Description = "End every watch after this long (e.g. 30s)." };
        var crashLoop = new Option<string[]>("--crash-loop") { Description = "NAMESPACE/NAME of a pod or workload whose pods crash-loop (repeatable).", AllowMultipleArgumentsPerToken = false };

        var agents = new Option<string>("--agents")
        {
            Description = "inprocess: node agents run in this process over simulated hosts, started where the agent DaemonSet's pods run; "
                + "none: every node is left to a real `orchestrator agent` process.",
            DefaultValueFactory = _ => "inprocess",
        }.AcceptOnlyFromAmong("inprocess", "none");
        var hostsDirectory = new Option<string>("--hosts-dir")
        {
            Description = "With --agents inprocess: where the simulated hosts keep their files, one folder per node.",
            DefaultValueFactory = _ => ".orchestrator/hosts",
        };
        var artifacts = new Option<string?>("--artifacts")
        {
            Description = "With --agents inprocess: the folder the simulated agents read host services' `source` paths under "
                + "(default: the --nodes-from spec's folder, else the current folder).",
        };
        var command = new Command("simulate", "Serve a simulated Kubernetes cluster on 127.0.0.1 until stopped, with a kubeconfig for kubectl.")
        {
            nodes, nodesFrom, port, kubeconfigOut, seed, readyDelay, errorRate, errorStatus, latency, dropWatchEvents, dropWatchAfter, crashLoop,
            agents, hostsDirectory, artifacts,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var errors = new List<string>();
            var nodeSpecs = NodesOf(parse.GetValue(nodes), parse.GetValue(nodesFrom), errors);
            var delay = Duration(parse.GetValue(readyDelay), "--ready-delay", errors);
            var addedLatency = Duration(parse.GetValue(latency), "--latency", errors);
            var watchLifetime = Duration(parse.GetValue(dropWatchAfter), "--drop-watch-after", errors);
            var rate = parse.GetValue(errorRate);
            if (rate is < 0 or > 1)
                errors.Add($"--error-rate: {rate.ToString(CultureInfo.InvariantCulture)} is not a fraction between 0 and 1");
            var status = parse.GetValue(errorStatus);
            if (status is not (500 or 429))
                errors.Add($"--error-status: {status} is neither 500 nor 429");
            var portValue = parse.GetValue(port);
            if (portValue is < 0 or > 65535)
                errors.Add($"--port: {portValue} is not a port number");
            var crashing = (parse.GetValue(crashLoop) ?? []).Select(c => c.Split('/')).ToList();
            foreach (var bad in crashing.Where(c => c.Length != 2 || c.Any(p => p.Length == 0)))
                errors.Add($"--crash-loop: \"{string.Join('/', bad)}\" is not NAMESPACE/NAME");
            var artifactsFolder = parse.GetValue(artifacts) ?? parse.GetValue(nodesFrom)?.DirectoryName ?? Directory.GetCurrentDirectory();
            if (!Directory.Exists(artifactsFolder))
                errors.Add($"--artifacts: no folder at {Path.GetFullPath(artifactsFolder)}");
            if (parse.GetValue(dropWatchEvents) < 0)
                errors.Add($"--drop-watch-after-events: {parse.GetValue(dropWatchEvents)} is negative (0: never)");
            if (parse.GetValue(kubeconfigOut) is { } kubeconfigFile)
                OptionChecks.WritableFile("--kubeconfig-out", kubeconfigFile.FullName, errors);
            OptionChecks.WritableFolder("--hosts-dir", parse.GetValue(hostsDirectory)!, errors);
            var inProcessAgents = parse.GetValue(agents) == "inprocess";
            if (inProcessAgents && !OperatingSystem.IsLinux())
                errors.Add("--agents inprocess: simulated hosts need Linux; use --agents none");
            if (errors.Count > 0)
            {
                foreach (var error in errors)
                    Console.Error.WriteLine($"error: {error}");
                return ExitCodes.BadInput;
            }

            using var log = new LoggerConfiguration().MinimumLevel.Information()
                .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose).CreateLogger();
            SimulatedCluster.SimulatedCluster started;
            try
            {
                started = await SimulatedCluster.SimulatedCluster.StartAsync(new SimulatedClusterOptions
                {
                    Nodes = nodeSpecs!,
                    Port = portValue,
                    Seed = parse.GetValue(seed),
                    ReadyDelay = delay ?? TimeSpan.FromMilliseconds(200),
                    LoggerFactory = new Serilog.Extensions.Logging.SerilogLoggerFactory(log),
                }, cancellationToken);
            }
            catch (IOException bind) when (IsAddressInUse(bind))
            {
                // A port another process holds is the operator's choice to correct, not a crash.
                Console.Error.WriteLine($"error: --port: 127.0.0.1:{portValue} is already in use");
                return ExitCodes.BadInput;
            }
            var cluster = started;
            SimulatedAgents? nodeAgents = null;
            try
            {
                // Agents live in this process, not in the orchestrator's, so a killed orchestrator leaves hosts running.
                nodeAgents = inProcessAgents && OperatingSystem.IsLinux()
                    ? new SimulatedAgents(cluster, parse.GetValue(hostsDirectory)!, artifactsFolder, log, TimeProvider.System)
                    : null;
                cluster.Faults.ErrorRate = rate;
                cluster.Faults.ErrorStatusCode = status;
                cluster.Faults.Latency = addedLatency ?? TimeSpan.Zero;
                cluster.Faults.DropWatchAfterEvents = parse.GetValue(dropWatchEvents);
                cluster.Faults.DropWatchAfter = watchLifetime ?? TimeSpan.Zero;
                foreach (var c in crashing)
                    cluster.Faults.CrashLoop(c[0], c[1]);
                var kubeconfig = cluster.WriteKubeconfig(parse.GetValue(kubeconfigOut)?.FullName ?? "simulated.kubeconfig");
                Console.Out.WriteLine($"listening on {cluster.BaseUri.GetLeftPart(UriPartial.Authority)}");
                Console.Out.WriteLine($"kubeconfig: {kubeconfig}");
                Console.Out.Flush();
                log.Information("Simulated cluster serving {Server} with nodes {Nodes}; kubeconfig {Kubeconfig}",
                    cluster.BaseUri, cluster.NodeNames, kubeconfig);
                // Served until SIGINT or SIGTERM (ShutdownSignals cancels the token; a kill of the orchestrator leaves it standing).
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    log.Information("Stopping the simulated cluster");
                }
            }
            finally
            {
                if (nodeAgents is not null && OperatingSystem.IsLinux())
                    await nodeAgents.DisposeAsync();
                await cluster.DisposeAsync();
            }
            // The last line of a graceful stop (a second signal, or the grace period running out, ends the process before it).
            log.Information("Simulated cluster stopped");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static IReadOnlyList<SimulatedNodeSpec>? NodesOf(int? count, FileInfo? specFile, List<string> errors)
    {
        if (count is not null && specFile is not null)
        {
            errors.Add("--nodes and --nodes-from: give one of them, not both");
            return null;
        }
        if (specFile is not null)
        {
            var loaded = SpecLoader.Load(specFile.FullName);
            if (!loaded.IsValid)
            {
                errors.AddRange(loaded.Errors.Select(e => $"--nodes-from {specFile.Name}: {e}"));
                return null;
            }
            var named = loaded.Deployment!.Spec.Nodes.Select(n => new SimulatedNodeSpec(n.Name)).ToList();
            if (named.Count == 0)
                errors.Add($"--nodes-from {specFile.Name}: spec.nodes names no node");
            return named;
        }
        if (count is < 1 or > 5000)
        {
            errors.Add($"--nodes: {count} is not between 1 and 5000");
            return null;
        }
        return SimulatedClusterOptions.WithNodes(count ?? 3);
    }

    private static TimeSpan? Duration(string? text, string option, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1.0)
            : text.EndsWith('s') ? (text[..^1], 1000.0)
            : text.EndsWith('m') ? (text[..^1], 60_000.0)
            : (text, double.NaN);
        if (double.IsNaN(unit) || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0
            || !double.IsFinite(value) || value * unit > TimeSpan.FromDays(1).TotalMilliseconds)
        {
            errors.Add($"{option}: \"{text}\" is not a duration like 250ms, 2s or 1m (at most a day)");
            return null;
        }
        return TimeSpan.FromMilliseconds(value * unit);
    }

    private static bool IsAddressInUse(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
            if (e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
                return true;
        return false;
    }
}
