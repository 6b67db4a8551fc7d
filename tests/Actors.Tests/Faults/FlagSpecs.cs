using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Actors.Tests.Faults;

/// <summary>
/// Every flag of every command, each with the bad values a new user types: the executable refuses them before
/// anything starts with exit 2 and one line on stderr naming the flag, never a stack trace. Placeholders in the
/// command lines are filled in per run: {spec} a valid spec, {missing} a path with nothing there, {dir} a folder,
/// {file} a plain file, {garbage} a file of nonsense, {hocon} a file that is not HOCON, {emptydb} an empty SQLite
/// file, {busy} a port this test holds.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class FlagSpecs : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-flags-").FullName;
    private readonly TcpListener _busy = new(IPAddress.Loopback, 0);

    public FlagSpecs()
    {
        _busy.Start();
        File.Copy(Path.Combine(AppContext.BaseDirectory, "EndToEnd", "cloud.yaml"), Path.Combine(_folder, "spec.yaml"));
        Directory.CreateDirectory(Path.Combine(_folder, "dir"));
        File.WriteAllText(Path.Combine(_folder, "file"), "a plain file\n");
        File.WriteAllText(Path.Combine(_folder, "garbage"), "{{{ ]] this is: not: [ what anyone expects\n\t- ");
        File.WriteAllText(Path.Combine(_folder, "hocon"), "akka { loglevel = ");
        File.WriteAllBytes(Path.Combine(_folder, "empty.db"), []);
    }

    public void Dispose()
    {
        _busy.Stop();
        Directory.Delete(_folder, recursive: true);
    }

    private string[] Fill(string commandLine)
    {
        var port = ((IPEndPoint)_busy.LocalEndpoint).Port.ToString();
        return commandLine.Split(' ').Select(part => part
            .Replace("{spec}", Path.Combine(_folder, "spec.yaml"))
            .Replace("{missing}", Path.Combine(_folder, "missing.yaml"))
            .Replace("{dir}", Path.Combine(_folder, "dir"))
            .Replace("{file}", Path.Combine(_folder, "file"))
            .Replace("{garbage}", Path.Combine(_folder, "garbage"))
            .Replace("{hocon}", Path.Combine(_folder, "hocon"))
            .Replace("{emptydb}", Path.Combine(_folder, "empty.db"))
            .Replace("{busy}", port)).ToArray();
    }

    public static TheoryData<string, string> BadFlags() => new()
    {
        // validate
        { "validate -f {missing}", "missing.yaml" },
        { "validate -f {dir}", "dir" },
        { "validate -f {spec} -o xml", "xml" },
        { "validate", "--file" },
        // render
        { "render -f {missing}", "missing.yaml" },
        { "render -f {spec} -o toml", "toml" },
        { "render -f {spec} --state-dir {file}", "--state-dir:" },
        // agent
        { "agent --node Bad_Node --host-root {dir}", "--node:" },
        { "agent --node node-1 --host-root {missing}", "--host-root:" },
        { "agent --node node-1 --host-root {dir} --kubeconfig {garbage}", "--kubeconfig:" },
        { "agent --node node-1 --host-root {dir} --kubeconfig {missing}", "--kubeconfig:" },
        { "agent --node node-1 --host-root {dir} --kubeconfig {dir}", "--kubeconfig:" },
        { "agent --node node-1 --host-root {dir} --poll-interval 0", "--poll-interval:" },
        { "agent --node node-1 --host-root {dir} --poll-interval -00:00:01", "--poll-interval:" },
        { "agent --node node-1 --host-root {dir} --poll-interval 2.00:00:00", "--poll-interval:" },
        { "agent --node node-1 --host-root {dir} --poll-interval 99999999.00:00:00", "--poll-interval" },
        { "agent --node node-1 --host-root {dir} --poll-interval soon", "--poll-interval" },
        { "agent --node node-1 --host-root {dir} --source-root artifacts", "--source-root:" },
        { "agent --node node-1 --host-root {dir} --source-root /artifacts/../etc", "--source-root:" },
        // simulate
        { "simulate --nodes 0", "--nodes:" },
        { "simulate --nodes -1", "--nodes:" },
        { "simulate --nodes 99999", "--nodes:" },
        { "simulate --nodes many", "--nodes" },
        { "simulate --nodes-from {missing}", "--nodes-from" },
        { "simulate --nodes-from {garbage}", "--nodes-from" },
        { "simulate --nodes 1 --port 70000", "--port:" },
        { "simulate --nodes 1 --port -1", "--port:" },
        { "simulate --nodes 1 --port {busy}", "--port:" },
        { "simulate --nodes 1 --kubeconfig-out {dir}", "--kubeconfig-out:" },
        { "simulate --nodes 1 --seed lucky", "--seed" },
        { "simulate --nodes 1 --ready-delay soon", "--ready-delay:" },
        { "simulate --nodes 1 --ready-delay -1s", "--ready-delay:" },
        { "simulate --nodes 1 --ready-delay 99999999999m", "--ready-delay:" },
        { "simulate --nodes 1 --error-rate 2", "--error-rate:" },
        { "simulate --nodes 1 --error-rate -0.5", "--error-rate:" },
        { "simulate --nodes 1 --error-rate often", "--error-rate" },
        { "simulate --nodes 1 --error-status 404", "--error-status:" },
        { "simulate --nodes 1 --latency slow", "--latency:" },
        { "simulate --nodes 1 --drop-watch-after-events -1", "--drop-watch-after-events:" },
        { "simulate --nodes 1 --drop-watch-after forever", "--drop-watch-after:" },
        { "simulate --nodes 1 --crash-loop keystone", "--crash-loop:" },
        { "simulate --nodes 1 --agents maybe", "maybe" },
        { "simulate --nodes 1 --hosts-dir {file}", "--hosts-dir:" },
        { "simulate --nodes 1 --artifacts {missing}", "--artifacts:" },
        // apply
        { "apply -f {missing} --simulate", "missing.yaml" },
        { "apply -f {spec}", "--simulate or --kubeconfig" },
        { "apply -f {spec} --kubeconfig {missing}", "--kubeconfig:" },
        { "apply -f {spec} --kubeconfig {garbage}", "--kubeconfig:" },
        { "apply -f {spec} --kubeconfig {dir}", "--kubeconfig:" },
        { "apply -f {spec} --simulate --journal mysql://root@db/x", "--journal:" },
        { "apply -f {spec} --simulate --journal sqlite:", "--journal:" },
        { "apply -f {spec} --simulate --journal postgres://u@host", "--journal:" },
        { "apply -f {spec} --simulate --timeout 99999999999h", "--timeout:" },
        { "apply -f {spec} --simulate --timeout 0s", "--timeout:" },
        { "apply -f {spec} --simulate --timeout -5m", "--timeout:" },
        { "apply -f {spec} --simulate --timeout 30.00:00:00", "--timeout:" },
        { "apply -f {spec} --simulate --timeout soon", "--timeout:" },
        { "apply -f {spec} --simulate -o xml", "xml" },
        { "apply -f {spec} --simulate --port 70000", "--port:" },
        { "apply -f {spec} --simulate --port -1", "--port:" },
        { "apply -f {spec} --simulate --port {busy}", "--port:" },
        { "apply -f {spec} --simulate --port any", "--port" },
        { "apply -f {spec} --simulate --akka-config {missing}", "--akka-config:" },
        { "apply -f {spec} --simulate --akka-config {hocon}", "--akka-config:" },
        { "apply -f {spec} --simulate --hosts-dir {file}", "--hosts-dir:" },
        { "apply -f {spec} --simulate --artifacts {missing}", "--artifacts:" },
        // run: a member's remoting address and the members it joins
        { "run --listen nowhere", "--listen:" },
        { "run --listen 127.0.0.1:70000", "--listen:" },
        { "run --listen 127.0.0.1:{busy}", "--listen:" },
        { "run --seed-nodes 127.0.0.2", "--seed-nodes:" },
        { "run --seed-nodes 127.0.0.2:0,127.0.0.3:4053", "--seed-nodes:" },
        { "run --seed-nodes 127.0.0.2:4053,127.0.0.2:4053", "--seed-nodes:" },
        { "run --journal sqlite:{missing} --seed-nodes 127.0.0.2:4053,127.0.0.3:4053", "--journal:" },
        // cluster status
        { "cluster status --http nowhere", "--http:" },
        // status
        { "status --journal mysql://root@db/x", "--journal:" },
        { "status --journal sqlite:{missing}", "--journal:" },
        { "status --journal sqlite:{emptydb} --akka-config {hocon}", "--akka-config:" },
        { "status --journal sqlite:{emptydb} -o xml", "xml" },
        // audit
        { "audit --journal mysql://root@db/x", "--journal:" },
        { "audit --journal sqlite:{missing}", "--journal:" },
        { "audit --journal sqlite:{emptydb} --akka-config {hocon}", "--akka-config:" },
        { "audit --journal sqlite:{emptydb} --since yesterday-ish", "--since:" },
        { "audit --journal sqlite:{emptydb} -o xml", "xml" },
    };

    [Theory]
    [MemberData(nameof(BadFlags))]
    public async Task A_bad_flag_is_one_line_naming_it_and_exit_2(string commandLine, string named)
    {
        var result = await FaultRun.RunAsync(Fill(commandLine), Bound, _folder);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}; stderr: {result.Errors}");
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains(named, line);
        Assert.False(result.HasStackTrace, result.Errors);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder, "journal.db", SearchOption.AllDirectories));
    }
}
