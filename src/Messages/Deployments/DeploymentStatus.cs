namespace Orchestrator.Messages.Deployments;

/// <summary>The whole deployment: Ready only when every service and every node is.</summary>
public enum DeploymentStatus
{
    Pending,
    Progressing,
    Ready,
    Degraded,
    Failed,
}
