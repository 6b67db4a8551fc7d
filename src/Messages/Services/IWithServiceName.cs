namespace Orchestrator.Messages.Services;

/// <summary>Every message of the service protocol names its service: the shard's entity id.</summary>
public interface IWithServiceName
{
    string ServiceName { get; }
}
