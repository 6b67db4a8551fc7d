namespace Orchestrator.Hosting;

/// <summary>Akka.Hosting registry key of the ServiceSupervisor shard region.</summary>
public sealed class ServiceRegion;

/// <summary>Akka.Hosting registry key of the NodeSupervisor shard region.</summary>
public sealed class NodeRegion;

/// <summary>Akka.Hosting registry key of the proxy to the DeploymentCoordinator singleton.</summary>
public sealed class Coordinator;
