namespace Orchestrator.Hosting;

/// <summary>Akka.Hosting registry key of the ServiceSupervisor shard region.</summary>
public sealed class ServiceRegion;

/// <summary>Akka.Hosting registry key of the NodeSupervisor shard region.</summary>
public sealed class NodeRegion;

/// <summary>Akka.Hosting registry key of the DeploymentCoordinator shard region (one entity per deployment).</summary>
public sealed class Coordinator;

/// <summary>Akka.Hosting registry key of this member's watcher of OpenStackDeployment objects.</summary>
public sealed class Watcher;
