using Orchestrator.Messages;
using Orchestrator.Messages.Nodes;

namespace Orchestrator.Actors.Nodes;

/// <summary>
/// The coordinator hands a node its part of the deployment: its roles, labels and the host units it must run. Only the
/// units of <see cref="ReleasedServices"/> (host services whose dependencies were Ready and whose ConfigMap and Secret
/// are written) go into the node's HostUnits, so an agent never starts a unit before its time.
/// </summary>
public sealed record ConfigureNode(string NodeName, NodePart Part, IReadOnlyCollection<string> ReleasedServices, DateTimeOffset At) : IWithNodeName, IClusterMessage;
