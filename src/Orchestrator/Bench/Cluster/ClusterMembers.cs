using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Orchestrator.Bench.Processes;

namespace Orchestrator.Bench.Cluster;

/// <summary>
/// Three `orchestrator run` processes on 127.0.0.1 forming one cluster by their seed nodes, as deploy/'s StatefulSet
/// forms it, on one PostgreSQL journal; each with its own /cluster endpoint, which is how the bench (like an operator)
/// learns where a deployment's coordinator runs.
/// </summary>
public sealed class ClusterMembers : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private readonly Member[] _members;
    private readonly string _kubeconfig;
    private readonly string _journal;
    private readonly string _password;
    private readonly string _namespace;
    private readonly string _logs;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public sealed class Member(int index, int remotingPort, int httpPort)
    {
        public int Index { get; } = index;
        public int RemotingPort { get; } = remotingPort;
        public int HttpPort { get; } = httpPort;
        public ChildProcess? Process { get; set; }
        public int Starts { get; set; }
        public bool Running => Process is { HasExited: false };
        public override string ToString() => $"member {Index} (127.0.0.1:{RemotingPort})";
    }

    /// <param name="logs">Where each member's output (`run --verbose`) is written as it comes: member-N.S.log, S its start.</param>
    public ClusterMembers(string kubeconfig, string journal, string @namespace, string logs)
    {
        _logs = logs;
        _kubeconfig = kubeconfig;
        // The password travels in the members' environment, as deploy/ gives it from a Secret, never on a command line.
        var url = new UriBuilder(journal);
        _password = Uri.UnescapeDataString(url.Password);
        url.Password = "";
        _journal = url.Uri.ToString();
        _namespace = @namespace;
        var ports = FreePorts(6);
        _members = Enumerable.Range(0, 3).Select(i => new Member(i + 1, ports[i], ports[i + 3])).ToArray();
    }

    public IReadOnlyList<Member> All => _members;

    public void StartAll()
    {
        foreach (var member in _members)
            Start(member);
    }

    public void Start(Member member)
    {
        member.Starts++;
        var seeds = string.Join(",", _members.Select(m => $"127.0.0.1:{m.RemotingPort}"));
        var environment = _password.Length > 0 ? new Dictionary<string, string> { [Hosting.JournalPassword.EnvironmentVariable] = _password } : null;
        member.Process = OrchestratorExecutable.Start(environment, Path.Combine(_logs, $"member-{member.Index}.{member.Starts}.log"), "run", "--verbose", "--kubeconfig", _kubeconfig, "--journal", _journal, "--namespace", _namespace,
            "--listen", $"127.0.0.1:{member.RemotingPort}", "--seed-nodes", seeds, "--http", $"127.0.0.1:{member.HttpPort}");
    }

    /// <summary>
    /// Until each member reports all three Up and reachable. One member's view is not enough: the leader moves a rejoining
    /// member to Up in its own view first, and a kill -9 of the leader before the others have seen that leaves them one Up
    /// member against one unreachable (a Joining or WeaklyUp member does not count): a tie, on which keep-majority downs
    /// the side without the lowest address, both survivors (seen once, in a full run).
    /// </summary>
    public Task AllUpAsync(TimeSpan bound, CancellationToken cancellationToken) => UntilAsync(async () =>
    {
        var running = _members.Where(m => m.Running).ToList();
        if (running.Count < 3)
            return false;
        foreach (var member in running)
            if (await ViewOfAsync(member, cancellationToken) is not { } view
                || view.GetProperty("members").EnumerateArray().Count(m => m.GetProperty("status").GetString() == "Up" && m.GetProperty("reachable").GetBoolean()) != 3)
                return false;
        return true;
    }, "three members Up in every member's view", bound, cancellationToken);

    /// <summary>
    /// The member the deployment's coordinator answers from, once one does (not <paramref name="other"/>, when given).
    /// A /cluster whose coordinator does not answer takes the member's whole 5 s ask, and an ask sent while the shard still
    /// points at a dead member is lost: waiting for each poll before the next would measure the move in 5 s steps. So a
    /// new poll starts every 200 ms while earlier ones are still out; the first that names the coordinator's member ends
    /// the wait, when its answer arrives.
    /// </summary>
    public async Task<Member> CoordinatorMemberAsync(string deployment, Member? other, TimeSpan bound, CancellationToken cancellationToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var polls = new List<Task<Member?>>();
        var clock = Stopwatch.StartNew();
        try
        {
            while (true)
            {
                polls.Add(CoordinatorPollAsync(deployment, other, done.Token));
                var tick = Task.Delay(Poll, cancellationToken);
                while (!tick.IsCompleted)
                {
                    var finished = await Task.WhenAny(polls.Append(tick));
                    if (finished == tick)
                        break;
                    var poll = (Task<Member?>)finished;
                    polls.Remove(poll);
                    if (await poll is { } found)
                        return found;
                }
                cancellationToken.ThrowIfCancellationRequested();
                if (clock.Elapsed > bound)
                    throw Timeout(other is null ? "the coordinator's member" : $"the coordinator answering on another member than {other}", bound);
            }
        }
        finally
        {
            await done.CancelAsync();
        }
    }

    private async Task<Member?> CoordinatorPollAsync(string deployment, Member? other, CancellationToken cancellationToken)
    {
        var placement = (await ViewAsync(cancellationToken))?.GetProperty("coordinators").EnumerateArray()
            .FirstOrDefault(c => c.GetProperty("deployment").GetString() == deployment);
        var address = placement is { } p && p.GetProperty("member").ValueKind == JsonValueKind.String ? p.GetProperty("member").GetString() : null;
        var found = _members.FirstOrDefault(m => address is not null && address.EndsWith($"@127.0.0.1:{m.RemotingPort}", StringComparison.Ordinal));
        return found is not null && found != other && found.Running ? found : null;
    }

    /// <summary>/cluster of the first running member that answers.</summary>
    private async Task<JsonElement?> ViewAsync(CancellationToken cancellationToken)
    {
        foreach (var member in _members.Where(m => m.Running))
            if (await ViewOfAsync(member, cancellationToken) is { } view)
                return view;
        return null;
    }

    /// <summary>/cluster of <paramref name="member"/>, or null when it does not answer.</summary>
    private async Task<JsonElement?> ViewOfAsync(Member member, CancellationToken cancellationToken)
    {
        try
        {
            using var document = JsonDocument.Parse(await _http.GetStringAsync($"http://127.0.0.1:{member.HttpPort}/cluster", cancellationToken));
            return document.RootElement.Clone();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Until the condition holds; past the bound, a timeout naming what was awaited and how each member ended.</summary>
    public Task UntilAsync(Func<bool> condition, string what, TimeSpan bound, CancellationToken cancellationToken) =>
        UntilAsync(() => Task.FromResult(condition()), what, bound, cancellationToken);

    private async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan bound, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > bound)
                throw Timeout(what, bound);
            await Task.Delay(Poll, cancellationToken);
        }
    }

    private TimeoutException Timeout(string what, TimeSpan bound) => new($"{what}: not within {bound.TotalSeconds:0}s; " + string.Join("; ",
        _members.Select(m => $"{m}: {(m.Running ? "running" : "exited")} {Tail(m.Process?.Output)}")));

    private static string Tail(string? output) => output is null ? "" : output.Length > 400 ? "..." + output[^400..] : output;

    /// <summary>Distinct ports nothing listens on at 127.0.0.1 right now.</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        foreach (var member in _members)
            if (member.Process is { } process)
                await process.DisposeAsync();
    }
}
