namespace Orchestrator.Agent.Tests.Systemd;

/// <summary>A network namespace of the test's own (`ip netns add`), so firewall rules never touch the machine's tables.</summary>
public sealed class NetworkNamespace : IAsyncLifetime
{
    public string Name { get; } = "agent-test-" + Guid.NewGuid().ToString("N")[..8];

    public string[] Prefix => ["ip", "netns", "exec", Name];

    public Task InitializeAsync() => Commands.RunCheckedAsync("ip", "netns", "add", Name);

    public Task<string> Nft(params string[] arguments) => Commands.RunCheckedAsync([.. Prefix, "nft", .. arguments]);

    /// <summary>The host end of the namespace's veth pair, once connected.</summary>
    public System.Net.IPAddress? HostAddress { get; private set; }

    /// <summary>
    /// Links the namespace to the machine with a veth pair on a /30 of its own (10.231.N.0), so a process inside
    /// can reach a listener on the host end. Deleting the namespace deletes the pair.
    /// </summary>
    public async Task ConnectAsync()
    {
        var subnet = Random.Shared.Next(0, 256);
        var hostEnd = "agh" + Name[^8..];
        await Commands.RunCheckedAsync("ip", "link", "add", hostEnd, "type", "veth", "peer", "name", "eth0", "netns", Name);
        await Commands.RunCheckedAsync("ip", "addr", "add", $"10.231.{subnet}.1/30", "dev", hostEnd);
        await Commands.RunCheckedAsync("ip", "link", "set", hostEnd, "up");
        await Commands.RunCheckedAsync("ip", "-n", Name, "addr", "add", $"10.231.{subnet}.2/30", "dev", "eth0");
        await Commands.RunCheckedAsync("ip", "-n", Name, "link", "set", "eth0", "up");
        await Commands.RunCheckedAsync("ip", "-n", Name, "link", "set", "lo", "up");
        HostAddress = System.Net.IPAddress.Parse($"10.231.{subnet}.1");
    }

    public Task DisposeAsync() => Commands.RunCheckedAsync("ip", "netns", "delete", Name);
}
