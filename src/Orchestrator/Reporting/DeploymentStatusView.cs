using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;
using Orchestrator.Messages.Services;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Orchestrator.Reporting;

/// <summary>A deployment's status for a person (tables) and for a program (one JSON object, the contract of `apply -o json`).</summary>
public static class DeploymentStatusView
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static IRenderable Table(DeploymentStatusResult status)
    {
        var services = new Table().Border(TableBorder.Simple).Title($"deployment {Markup.Escape(status.Deployment ?? "(none)")}: {Colored(status.Status.ToString())}")
            .AddColumns("SERVICE", "KIND", "STATE", "SINCE", "REASON");
        foreach (var service in status.Services)
            services.AddRow(Markup.Escape(service.ServiceName), service.Kind.ToString().ToLowerInvariant(), Colored(service.Status.ToString()),
                Since(service.Since), Markup.Escape(service.Reason ?? ""));
        var nodes = new Table().Border(TableBorder.Simple).AddColumns("NODE", "ROLES", "STATE", "SINCE", "REASON");
        foreach (var node in status.Nodes)
            nodes.AddRow(Markup.Escape(node.NodeName), Markup.Escape(string.Join(",", node.Roles)), Colored(node.Status.ToString()),
                Since(node.Since), Markup.Escape(node.Reason ?? ""));
        return new Rows(services, nodes);
    }

    public static string ToJson(ApplyReport report) => JsonSerializer.Serialize(new JsonStatus(
        report.Status.Deployment,
        report.Status.Status.ToString(),
        report.Status.Reason,
        report.Status.Services.Select(s => new JsonService(s.ServiceName, s.Kind.ToString().ToLowerInvariant(), s.Status.ToString(), s.Reason)).ToList(),
        report.Status.Nodes.Select(n => new JsonNode(n.NodeName, n.Roles, n.Status.ToString(), n.Reason)).ToList(),
        report.ApiWrites,
        Math.Round(report.Elapsed.TotalSeconds, 2)), Json);

    /// <summary>One line per part whose state moved since <paramref name="before"/>: progress where no live view fits.</summary>
    public static IEnumerable<string> Changes(DeploymentStatusResult? before, DeploymentStatusResult now, TimeSpan elapsed)
    {
        var stamp = $"{elapsed.TotalSeconds,6:0.0}s";
        if (before?.Status != now.Status)
            yield return $"{stamp} deployment {now.Deployment} {now.Status}{Suffix(now.Reason)}";
        foreach (var service in now.Services)
        {
            var old = before?.Services.FirstOrDefault(s => s.ServiceName == service.ServiceName);
            if (old?.Status != service.Status || old.Reason != service.Reason)
                yield return $"{stamp} service {service.ServiceName} {service.Status}{Suffix(service.Reason)}";
        }
        foreach (var node in now.Nodes)
        {
            var old = before?.Nodes.FirstOrDefault(n => n.NodeName == node.NodeName);
            if (old?.Status != node.Status || old.Reason != node.Reason)
                yield return $"{stamp} node {node.NodeName} {node.Status}{Suffix(node.Reason)}";
        }
    }

    private static string Suffix(string? reason) => reason is null ? "" : ": " + reason;

    private static string Since(DateTimeOffset since) => since == DateTimeOffset.MinValue ? "" : since.ToLocalTime().ToString("HH:mm:ss");

    private static string Colored(string state) => state switch
    {
        nameof(ServiceStatus.Ready) => "[green]Ready[/]",
        nameof(ServiceStatus.Degraded) => "[yellow]Degraded[/]",
        nameof(ServiceStatus.Failed) => "[red]Failed[/]",
        _ => state,
    };

    private sealed record JsonStatus(
        string? Deployment,
        string State,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
        IReadOnlyList<JsonService> Services,
        IReadOnlyList<JsonNode> Nodes,
        int ApiWrites,
        double ElapsedSeconds);

    private sealed record JsonService(string Name, string Kind, string State, string? Reason);

    private sealed record JsonNode(string Name, IReadOnlyList<string> Roles, string State, string? Reason);
}
