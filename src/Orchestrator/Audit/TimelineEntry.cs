namespace Orchestrator.Audit;

/// <summary>
/// One line of the audit timeline: when, to what (a service, a node, the deployment), what happened and why.
/// <see cref="Deployment"/> is "namespace/name", or only the name for a journal written before events named their
/// namespace; <see cref="PersistenceId"/> and <see cref="SequenceNr"/> say where in the journal the event is.
/// </summary>
public sealed record TimelineEntry(DateTimeOffset At, string Subject, string Name, string Event, string? Detail, string Cause,
    string? Deployment = null, string? PersistenceId = null, long SequenceNr = 0);
