using System.Text.Json.Nodes;
using Orchestrator.Actors.Ports;

namespace Orchestrator.Adapters.Kubernetes;

/// <summary>What an apply would do with one object (<see cref="ApplyDecision"/>), the body it would send and what the server holds.</summary>
public sealed record ObjectPreview(string Kind, string Resource, string? Namespace, string Name, ApplyOutcome Outcome, JsonObject Desired,
    JsonObject? Observed);
