namespace Orchestrator.Adapters.Kubernetes;

/// <summary>A listed collection and the resourceVersion a watch continues from.</summary>
public sealed record ObjectList<T>(IReadOnlyList<T> Items, string ResourceVersion);
