using System.Text.Json.Nodes;

namespace Orchestrator.SimulatedCluster;

/// <summary>
/// A pod's containers started or stopped on a node, as the kubelet saw it. The host process can react as
/// a container runtime would (for instance start an in-process node agent where the agent's pod runs).
/// </summary>
public sealed record PodLifecycleEvent(string Namespace, string Name, string NodeName, IReadOnlyDictionary<string, string> Labels, JsonObject Pod);
