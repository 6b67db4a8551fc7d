using Orchestrator.Actors.Agent;
using Orchestrator.Adapters.Host;

namespace Orchestrator.Agent.Tests.Host;

/// <summary>A host without nft: a program name that does not exist, started for real, as on such a host.</summary>
public sealed class NftAbsentSpecs
{
    private readonly NftNoTrackRules _rules = new(new ProgramRunner(), program: "nft-not-installed-on-this-host");
    private readonly ServiceName _service = ServiceName.Parse("nova-compute");

    [Fact]
    public async Task Clearing_the_rules_of_a_unit_that_needs_none_succeeds_without_nft()
    {
        Assert.False(await _rules.SetAsync(_service, [], default));
    }

    [Fact]
    public async Task A_unit_that_asks_for_notrack_fails_saying_nft_is_missing()
    {
        PortRule.TryParse("16509/tcp", out var port, out _);

        var failure = await Assert.ThrowsAsync<HostCommandException>(() => _rules.SetAsync(_service, [port!], default));

        Assert.Contains("conntrack: false", failure.Message);
        Assert.Contains("nftables", failure.Message);
    }
}
