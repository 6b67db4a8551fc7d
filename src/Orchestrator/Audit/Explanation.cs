using System.Globalization;
using Orchestrator.Messages.Nodes;
using Orchestrator.Messages.Services;

namespace Orchestrator.Audit;

/// <summary>
/// `explain`: why a service or node is in its state at an instant, as a chain of causes read from its journal, newest
/// first, back to the spec change or observation that started it and the deployment change before that:
/// "service keystone Degraded since 16:31:24 &lt;- pod keystone-x crash-looping &lt;- objects written for spec 75ee
/// &lt;- spec changed: first seen &lt;- deployment accepted". A service waiting for others says which, and why each of
/// those is not Ready, recursively.
/// </summary>
public static class Explanation
{
    /// <summary>At most this many links of one subject's chain; older ones are counted, not printed.</summary>
    public const int MaxLinks = 12;

    public static IReadOnlyList<string> ForService(DeploymentHistory history, string service)
    {
        var lines = new List<string>();
        Service(history, service, 0, new HashSet<string>(StringComparer.Ordinal), lines);
        return lines;
    }

    public static IReadOnlyList<string> ForNode(DeploymentHistory history, string node)
    {
        var lines = new List<string>();
        var state = history.Nodes[node];
        lines.Add($"node {node} {state.Status}{Since(state.Since)}{Reason(state.Reason)}");
        Chain(history, "node", node, "node-spec-changed", 1, lines);
        if (state.Status != NodeStatus.Ready && state.Units.Count > 0)
            lines.Add($"  units it must run: {string.Join(", ", state.Units.Keys.Order(StringComparer.Ordinal))}");
        return lines;
    }

    private static void Service(DeploymentHistory history, string service, int depth, HashSet<string> seen, List<string> lines)
    {
        var indent = new string(' ', depth * 2);
        if (!history.Services.TryGetValue(service, out var state))
        {
            var planned = history.Coordinator.Services.Any(s => s.Name == service);
            lines.Add($"{indent}service {service} Pending: {(planned ? "planned, but no event of its own yet (its supervisor was not told its part)" : "not in the deployment's plan")}");
            return;
        }
        lines.Add($"{indent}service {service} {state.Status}{Since(state.Since)}{Reason(state.Reason)}");
        if (!seen.Add(service))
        {
            lines.Add($"{indent}  (explained above)");
            return;
        }
        Chain(history, "service", service, "service-spec-changed", depth + 1, lines);
        if (state.Status != ServiceStatus.WaitingForDependencies)
            return;
        foreach (var dependency in state.WaitingFor)
        {
            var ready = history.Services.TryGetValue(dependency, out var dependencyState) && dependencyState.Status == ServiceStatus.Ready;
            lines.Add($"{indent}  waits for {dependency}{(ready ? $", Ready{Since(dependencyState!.Since)}: the coordinator hands {service} its part at its next report" : ", not Ready:")}");
            if (!ready)
                Service(history, dependency, depth + 2, seen, lines);
        }
    }

    /// <summary>The subject's events newest first, back to its latest spec change, then the deployment change before it.</summary>
    private static void Chain(DeploymentHistory history, string kind, string name, string origin, int depth, List<string> lines)
    {
        var indent = new string(' ', depth * 2);
        var own = history.Events.Where(e => e.Subject == kind && e.Name == name).ToList();
        var start = own.FindLastIndex(e => e.Event == origin);
        var links = own.Skip(Math.Max(start, 0)).Reverse().ToList();
        foreach (var link in links.Take(MaxLinks))
            lines.Add($"{indent}<- {Time(link.At)} {link.Event}: {TimelineLines.What(link)}");
        if (links.Count > MaxLinks)
            lines.Add($"{indent}<- ({links.Count - MaxLinks} earlier event(s) since the spec change; `audit --{kind} {name}` lists them)");
        var from = start >= 0 ? own[start].At : DateTimeOffset.MaxValue;
        if (history.Events.LastOrDefault(e => e.Subject == "deployment" && e.Event == "deployment-accepted" && e.At <= from) is { } accepted)
            lines.Add($"{indent}<- {Time(accepted.At)} deployment {accepted.Name} accepted its spec: {accepted.Cause}");
    }

    private static string Since(DateTimeOffset since) => since == DateTimeOffset.MinValue ? "" : " since " + Time(since);

    private static string Reason(string? reason) => reason is null ? "" : ": " + reason;

    private static string Time(DateTimeOffset at) => at.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
