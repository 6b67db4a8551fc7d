namespace Orchestrator.Audit;

/// <summary>One line of the audit timeline: when, to what (a service, a node, the deployment), what happened and why.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Subject, string Name, string Event, string? Detail, string Cause);
