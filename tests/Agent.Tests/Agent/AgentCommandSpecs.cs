using Orchestrator.Cli;

namespace Orchestrator.Agent.Tests.Agent;

public sealed class AgentCommandSpecs
{
    [Theory]
    [InlineData("Bad_Node", "/")]
    [InlineData("node-1", "/no/such/host/root")]
    public void Bad_input_exits_with_code_2_before_anything_starts(string node, string hostRoot) =>
        Assert.Equal(ExitCodes.BadInput, CommandLine.Run(["agent", "--node", node, "--host-root", hostRoot, "--kubeconfig", "/no/such/kubeconfig"]));
}
