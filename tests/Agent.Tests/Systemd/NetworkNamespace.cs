namespace Orchestrator.Agent.Tests.Systemd;

/// <summary>A network namespace of the test's own (`ip netns add`), so firewall rules never touch the machine's tables.</summary>
public sealed class NetworkNamespace : IAsyncLifetime
{
    public string Name { get; } = "agent-test-" + Guid.NewGuid().ToString("N")[..8];

    public string[] Prefix => ["ip", "netns", "exec", Name];

    public Task InitializeAsync() => Commands.RunCheckedAsync("ip", "netns", "add", Name);

    public Task<string> Nft(params string[] arguments) => Commands.RunCheckedAsync([.. Prefix, "nft", .. arguments]);

    public Task DisposeAsync() => Commands.RunCheckedAsync("ip", "netns", "delete", Name);
}
