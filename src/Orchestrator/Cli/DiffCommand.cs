using System.CommandLine;
using System.Text.Json;
using Orchestrator.Adapters.Kubernetes;
using Orchestrator.Diff;
using Orchestrator.Hosting;
using Orchestrator.Messages.Spec;
using Serilog.Events;

namespace Orchestrator.Cli;

/// <summary>
/// `orchestrator diff -f SPEC (--kubeconfig PATH | --simulate) [-o text|json]`: what an apply of the spec would change,
/// before anything is written: every object created / changed / deleted / unchanged, a unified diff of the changed
/// fields we render (a Secret's values only as "changed"), and the host units that would start, restart or stop on
/// which nodes. Exit 0 no difference, 1 differences (as `kubectl diff`), 2 bad input or a cluster that cannot be read.
/// </summary>
public static class DiffCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static Command Create()
    {
        var file = CommonOptions.SpecFile();
        var simulate = new Option<bool>("--simulate") { Description = "Against a fresh simulated cluster with the spec's nodes (everything is created)." };
        var kubeconfig = new Option<FileInfo?>("--kubeconfig") { Description = "The cluster to compare with (its current context)." };
        var output = CommonOptions.Output("text", "json");
        var command = new Command("diff", "What an apply would change, before anything is written; exit 1 when something would.")
        {
            file, simulate, kubeconfig, output,
        };
        command.SetAction((parsed, cancellation) => RunAsync(parsed.GetValue(file)!, parsed.GetValue(simulate), parsed.GetValue(kubeconfig),
            parsed.GetValue(output)!, Console.Out, Console.Error, cancellation));
        return command;
    }

    public static async Task<int> RunAsync(FileInfo file, bool simulate, FileInfo? kubeconfig, string output, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellation)
    {
        var errors = new List<string>();
        if (simulate == (kubeconfig is not null))
            errors.Add("diff: give exactly one of --simulate or --kubeconfig PATH");
        if (kubeconfig is { Exists: false } missing)
            errors.Add($"--kubeconfig: no file at {missing.FullName}");
        var loaded = SpecLoader.Load(file.FullName);
        errors.AddRange(loaded.Errors.Select(e => e.ToString()));
        if (errors.Count > 0 || loaded.Deployment is not { } deployment)
            return AuditCommand.Fail(stderr, errors, ExitCodes.BadInput);

        var logger = Logging.Configure(LogEventLevel.Warning);
        SimulatedCluster.SimulatedCluster? simulated = null;
        try
        {
            KubernetesAdapter adapter;
            if (simulate)
            {
                simulated = await SimulatedCluster.SimulatedCluster.StartAsync(new SimulatedCluster.SimulatedClusterOptions
                {
                    Nodes = deployment.Spec.Nodes.Select(n => new SimulatedCluster.SimulatedNodeSpec(n.Name)).ToList(),
                }, cancellation);
                adapter = KubernetesAdapterFactory.FromConfiguration(simulated.ClientConfiguration(), logger);
            }
            else
                adapter = KubernetesAdapterFactory.FromKubeconfig(kubeconfig!.FullName, logger);
            using (adapter)
            {
                var diff = await DeploymentDiff.PreviewAsync(adapter, deployment, TimeProvider.System, cancellation);
                Print(diff, output, stdout);
                return diff.Differs ? ExitCodes.Failed : ExitCodes.Ok;
            }
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or KubernetesApiException or HttpRequestException)
        {
            stderr.WriteLine($"diff: the cluster could not be read: {e.Message.Split('\n', 2)[0].Trim()}");
            return ExitCodes.BadInput;
        }
        catch (IOException)
        {
            // `diff | head`: the reader has what it wanted; nothing was written to the cluster either way.
            return ExitCodes.Failed;
        }
        finally
        {
            if (simulated is not null)
                await simulated.DisposeAsync();
        }
    }

    private static void Print(DiffResult diff, string output, TextWriter stdout)
    {
        if (output == "json")
        {
            stdout.WriteLine(JsonSerializer.Serialize(new
            {
                objects = diff.Objects.Select(o => new
                {
                    change = o.Change, kind = o.Kind, @namespace = o.Namespace, name = o.Name,
                    fields = o.Fields.Select(f => new { path = f.Path, before = f.Before, after = f.After, secret = f.Secret }),
                }),
                units = diff.Units.Select(u => new { node = u.Node, unit = u.Unit, action = u.Action, hashBefore = u.HashBefore, hashAfter = u.HashAfter }),
            }, Json));
            return;
        }
        foreach (var change in diff.Objects.OrderBy(o => Order(o.Change)))
        {
            stdout.WriteLine($"{change.Change,-9} {change.Display}");
            if (change.Change != ObjectChange.Changed)
                continue;
            stdout.WriteLine($"  --- live {change.Display}");
            stdout.WriteLine($"  +++ desired {change.Display}");
            foreach (var field in change.Fields)
            {
                if (field.Secret)
                {
                    stdout.WriteLine($"  ~{field.Path}: (secret value changed)");
                    continue;
                }
                if (field.Before is not null)
                    stdout.WriteLine($"  -{field.Path}: {field.Before}");
                if (field.After is not null)
                    stdout.WriteLine($"  +{field.Path}: {field.After}");
            }
        }
        foreach (var unit in diff.Units)
            stdout.WriteLine($"host unit {unit.Unit} would {unit.Action} on {unit.Node}"
                + (unit.Action == "restart" ? $" (hash {Short(unit.HashBefore)} -> {Short(unit.HashAfter)})" : ""));
        var counts = diff.Objects.GroupBy(o => o.Change).ToDictionary(g => g.Key, g => g.Count());
        stdout.WriteLine(string.Join(", ", new[] { ObjectChange.Created, ObjectChange.Changed, ObjectChange.Deleted, ObjectChange.Unchanged }
            .Select(c => $"{counts.GetValueOrDefault(c)} {c}")));
    }

    private static int Order(string change) => change switch
    {
        ObjectChange.Created => 0,
        ObjectChange.Changed => 1,
        ObjectChange.Deleted => 2,
        _ => 3,
    };

    private static string Short(string? hash) => hash is null ? "none" : hash.Length <= 8 ? hash : hash[..8];
}
