using System.CommandLine;
using System.Net.Http.Json;
using Orchestrator.Hosting;
using Spectre.Console;

namespace Orchestrator.Cli;

/// <summary>
/// `orchestrator cluster status [--http ADDRESS:PORT] [-o table|json]`: the cluster as the member serving that address
/// sees it (its /cluster endpoint): members and their state, the leader, unreachable members, and where each
/// deployment's coordinator runs. Exit 0 when every member is Up and reachable, 1 otherwise.
/// </summary>
public static class ClusterCommand
{
    public static Command Create()
    {
        var http = new Option<string>("--http")
        {
            Description = "ADDRESS:PORT of a member's HTTP endpoint (run --http).",
            DefaultValueFactory = _ => "127.0.0.1:8080",
        };
        var output = CommonOptions.Output("table", "json");
        var status = new Command("status", "Members, their state, the leader and where each deployment's coordinator runs.") { http, output };
        status.SetAction((parsed, cancellation) => StatusAsync(parsed.GetValue(http)!, parsed.GetValue(output)!, AnsiConsole.Console,
            Console.Out, Console.Error, cancellation));
        return new Command("cluster", "The operator's Akka cluster.") { status };
    }

    public static async Task<int> StatusAsync(string httpText, string output, IAnsiConsole console, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellation)
    {
        var (endpoint, error) = HttpEndpoint.Parse(httpText);
        if (endpoint is null)
        {
            stderr.WriteLine(error ?? "--http: off has no cluster to show");
            return ExitCodes.BadInput;
        }
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        string body;
        try
        {
            body = await client.GetStringAsync(endpoint.Url + "/cluster", cancellation);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
        {
            stderr.WriteLine($"cluster status: {endpoint.Url}/cluster did not answer ({SocketCause.Of(e) ?? (e is TaskCanceledException ? "timed out" : e.Message)})");
            return ExitCodes.Failed;
        }
        var view = System.Text.Json.JsonSerializer.Deserialize<ClusterView>(body)!;
        if (output == "json")
            stdout.WriteLine(body);
        else
            Print(console, view);
        return view.Members.All(m => m.Status == "Up" && m.Reachable) ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static void Print(IAnsiConsole console, ClusterView view)
    {
        var members = new Table().AddColumns("MEMBER", "STATUS", "REACHABLE", "ROLE");
        foreach (var member in view.Members)
            members.AddRow(Markup.Escape(member.Address), member.Status, member.Reachable ? "yes" : "NO",
                string.Join(", ", new[] { member.Address == view.Leader ? "leader" : null, member.Address == view.Self ? "this member" : null }
                    .Where(r => r is not null)));
        console.Write(members);
        var coordinators = new Table().AddColumns("DEPLOYMENT", "COORDINATOR ON", "STATUS");
        foreach (var placement in view.Coordinators)
            coordinators.AddRow(Markup.Escape(placement.Deployment), Markup.Escape(placement.Member ?? "-"), Markup.Escape(placement.Status));
        console.Write(coordinators);
    }
}
