using Orchestrator.Messages.Deployments;

namespace Orchestrator.Reporting;

/// <summary>How an apply ended: the last status seen, the API writes this process made, and how long it took.</summary>
public sealed record ApplyReport(DeploymentStatusResult Status, int ApiWrites, TimeSpan Elapsed, bool TimedOut);
