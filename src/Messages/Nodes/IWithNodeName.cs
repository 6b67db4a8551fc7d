namespace Orchestrator.Messages.Nodes;

/// <summary>Every message of the node protocol names its node: the shard's entity id.</summary>
public interface IWithNodeName
{
    string NodeName { get; }
}
