using Orchestrator.Actors.Agent;
using Orchestrator.Adapters.Host;

namespace Orchestrator.Agent.Tests.Systemd;

/// <summary>The nft NOTRACK rules, applied inside a network namespace the test creates.</summary>
[Trait("Category", "EndToEnd")]
public sealed class NoTrackRulesSpecs : IAsyncLifetime
{
    private readonly NetworkNamespace _namespace = new();
    private NftNoTrackRules _rules = null!;
    private readonly ServiceName _nova = ServiceName.Parse("nova-compute");
    private readonly ServiceName _swift = ServiceName.Parse("swift-object");

    public async Task InitializeAsync()
    {
        await _namespace.InitializeAsync();
        _rules = new NftNoTrackRules(new ProgramRunner(_namespace.Prefix));
    }

    public Task DisposeAsync() => _namespace.DisposeAsync();

    private static IReadOnlyList<PortRule> Ports(params string[] texts) =>
        texts.Select(text => PortRule.TryParse(text, out var rule, out _) ? rule : throw new ArgumentException(text)).ToList();

    private async Task<string[]> RulesOf(ServiceName service) =>
        (await _namespace.Nft("list", "table", "inet", NftNoTrackRules.Table)).Split('\n')
            .Where(line => line.Contains(NftNoTrackRules.Comment(service) + "\"")).Select(line => line.Trim()).ToArray();

    [Fact]
    public async Task Ports_get_notrack_rules_in_prerouting_and_output_marked_with_the_service()
    {
        Assert.True(await _rules.SetAsync(_nova, Ports("5900-5999/tcp", "4789/udp"), default));

        var table = await _namespace.Nft("list", "table", "inet", NftNoTrackRules.Table);
        Assert.Contains("hook prerouting priority raw", table);
        Assert.Contains("hook output priority raw", table);
        var rules = await RulesOf(_nova);
        Assert.Equal(4, rules.Length);
        Assert.Equal(2, rules.Count(rule => rule.StartsWith("tcp dport 5900-5999 notrack", StringComparison.Ordinal)));
        Assert.Equal(2, rules.Count(rule => rule.StartsWith("udp dport 4789 notrack", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Applying_the_same_ports_again_changes_nothing()
    {
        await _rules.SetAsync(_nova, Ports("16509/tcp"), default);
        var before = await _namespace.Nft("-a", "list", "table", "inet", NftNoTrackRules.Table);

        Assert.False(await _rules.SetAsync(_nova, Ports("16509/tcp"), default));

        Assert.Equal(before, await _namespace.Nft("-a", "list", "table", "inet", NftNoTrackRules.Table));
    }

    [Fact]
    public async Task Changed_ports_replace_the_old_rules_and_removal_leaves_other_services_alone()
    {
        await _rules.SetAsync(_nova, Ports("16509/tcp"), default);
        await _rules.SetAsync(_swift, Ports("6200/tcp"), default);

        await _rules.SetAsync(_nova, Ports("16510/tcp"), default);
        Assert.All(await RulesOf(_nova), rule => Assert.StartsWith("tcp dport 16510", rule));
        Assert.Equal(2, (await RulesOf(_nova)).Length);

        await _rules.SetAsync(_nova, [], default);
        Assert.Empty(await RulesOf(_nova));
        Assert.Equal(2, (await RulesOf(_swift)).Length);
    }
}
