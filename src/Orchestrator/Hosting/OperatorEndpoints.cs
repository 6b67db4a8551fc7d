using System.Data.Common;
using Akka.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Ports;
using Prometheus;

namespace Orchestrator.Hosting;

/// <summary>
/// The operator's HTTP endpoints for probes and Prometheus: /healthz (the process answers), /readyz (this member is
/// Up in its cluster, the journal answers a query, and the OpenStackDeployment collections it watches can be listed),
/// /cluster (<see cref="ClusterView"/> as JSON), /metrics (prometheus-net's registry in the text format).
/// </summary>
public sealed class OperatorEndpoints : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OperatorEndpoints(WebApplication app) => _app = app;

    public static async Task<OperatorEndpoints> StartAsync(HttpEndpoint endpoint, OrchestratorSystem system, JournalLocation journal,
        IKubernetes kubernetes, IReadOnlyList<string> namespaces, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(endpoint.Url);
        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", async (CancellationToken requestAborted) =>
        {
            var problems = await ReadinessProblemsAsync(system, journal, kubernetes, namespaces, requestAborted);
            return problems.Count == 0
                ? Results.Text("ok\n")
                : Results.Text(string.Join("\n", problems) + "\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/cluster", async (CancellationToken requestAborted) =>
            Results.Json(await ClusterView.ReadAsync(system, kubernetes, namespaces, requestAborted)));
        app.MapGet("/metrics", async (HttpContext context) =>
        {
            MembersUp.Set(MembersUpSeen(system));
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        });
        await app.StartAsync(cancellationToken);
        return new OperatorEndpoints(app);
    }

    private static readonly Gauge MembersUp = Metrics.CreateGauge("orchestrator_cluster_members_up",
        "Cluster members this member sees Up and reachable (itself included).");

    private static int MembersUpSeen(OrchestratorSystem system)
    {
        var state = Cluster.Get(system.System).State;
        return state.Members.Count(m => m.Status == MemberStatus.Up && !state.Unreachable.Contains(m));
    }

    private static async Task<IReadOnlyList<string>> ReadinessProblemsAsync(OrchestratorSystem system, JournalLocation journal,
        IKubernetes kubernetes, IReadOnlyList<string> namespaces, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var member = Cluster.Get(system.System).SelfMember;
        if (member.Status != MemberStatus.Up)
            problems.Add($"cluster member {member.Address} is {member.Status}, not Up");
        try
        {
            await using var connection = Connection(journal);
            await connection.OpenAsync(cancellationToken);
            await using var query = connection.CreateCommand();
            query.CommandText = "SELECT 1";
            await query.ExecuteScalarAsync(cancellationToken);
        }
        catch (DbException e)
        {
            problems.Add($"journal {journal.Display} does not answer: {e.Message}");
        }
        foreach (var ns in namespaces.Count == 0 ? [null] : namespaces.Cast<string?>())
        {
            try
            {
                await kubernetes.ListAsync<OpenStackDeploymentResource>(ns, null, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                problems.Add($"OpenStackDeployment objects in {ns ?? "every namespace"} cannot be listed: {e.Message}");
            }
        }
        return problems;
    }

    private static DbConnection Connection(JournalLocation journal) => journal.ProviderName == JournalLocation.PostgresProvider
        ? new Npgsql.NpgsqlConnection(journal.ConnectionString)
        : new Microsoft.Data.Sqlite.SqliteConnection(journal.ConnectionString);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
