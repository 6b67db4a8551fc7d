using Orchestrator.Actors.Agent;

namespace Orchestrator.Agent.Tests.State;

public sealed class PortRuleSpecs
{
    [Theory]
    [InlineData("80/tcp", 80, 80, PortProtocol.Tcp)]
    [InlineData("5900-5999/tcp", 5900, 5999, PortProtocol.Tcp)]
    [InlineData("4789/udp", 4789, 4789, PortProtocol.Udp)]
    public void Declared_ports_parse(string text, int first, int last, PortProtocol protocol) =>
        Assert.Equal(new PortRule(first, last, protocol), PortRule.TryParse(text, out var rule, out _) ? rule : null);

    [Theory]
    [InlineData("0/tcp")]
    [InlineData("65536/tcp")]
    [InlineData("5999-5900/tcp")]
    [InlineData("80")]
    [InlineData("80/tcp; flush ruleset")]
    [InlineData("80/icmp")]
    public void Malformed_ports_are_refused(string text) => Assert.False(PortRule.TryParse(text, out _, out _));
}
