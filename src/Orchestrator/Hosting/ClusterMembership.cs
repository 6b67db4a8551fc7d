using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Hosting;

/// <summary>
/// How this process takes part in the Akka cluster: the address its remoting listens on (and other members reach it
/// by), and the seed nodes it joins. No seed nodes: it joins itself, a cluster of one (what `apply` runs). The seed
/// nodes may include this member; the first one listed is the only one that may start a new cluster on its own, as
/// Akka's seed-node rule says, so every member must list them in the same order.
/// </summary>
public sealed record ClusterMembership(string Host, int Port, IReadOnlyList<(string Host, int Port)> SeedNodes)
{
    /// <summary>Remoting's port in a pod: the StatefulSet names it, the seed nodes use it.</summary>
    public const int DefaultPort = 4053;

    public static ClusterMembership Alone(int port) => new("127.0.0.1", port, []);

    /// <summary>Another member is named: the journal must be one they all share.</summary>
    public bool HasOtherMembers => SeedNodes.Any(seed => !(string.Equals(seed.Host, Host, StringComparison.OrdinalIgnoreCase) && seed.Port == Port));

    public IReadOnlyList<string> SeedAddresses => SeedNodes.Select(s => Address(s.Host, s.Port)).ToList();

    public string SelfAddress => Address(Host, Port);

    /// <summary>
    /// What remoting binds to: the address itself, or every interface when the member is known by a name (a pod's DNS
    /// name in the StatefulSet's headless Service), which it then advertises to the others.
    /// </summary>
    public string BindHost => IPAddress.TryParse(Host, out _) ? Host : "0.0.0.0";

    public static string Address(string host, int port) => $"akka.tcp://{OrchestratorSystem.SystemName}@{host}:{port}";

    /// <summary>
    /// `--listen HOST:PORT`; empty means the pod's IP (POD_IP, from the downward API) on <see cref="DefaultPort"/>, or
    /// 127.0.0.1 on any free port outside a pod. An IP address is probed for a free port here, not deep in Akka.Remote.
    /// </summary>
    public static (string Host, int Port)? ParseListen(string? text, string? podIp, List<string> errors)
    {
        if (string.IsNullOrEmpty(text))
            return string.IsNullOrEmpty(podIp) ? ("127.0.0.1", 0) : (podIp, DefaultPort);
        if (Split(text, allowAnyPort: true) is not { } listen)
        {
            errors.Add($"--listen: '{text}' is not HOST:PORT (e.g. 10.0.0.5:{DefaultPort}; port 0 picks a free one)");
            return null;
        }
        if (listen.Port != 0 && IPAddress.TryParse(listen.Host, out var address) && InUse(address, listen.Port) is { } problem)
        {
            errors.Add($"--listen: {listen.Host}:{listen.Port} {problem}");
            return null;
        }
        return listen;
    }

    /// <summary>`--seed-nodes HOST:PORT,HOST:PORT,...` in the order every member lists them.</summary>
    public static IReadOnlyList<(string Host, int Port)> ParseSeeds(string? text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return [];
        var seeds = new List<(string, int)>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (Split(item, allowAnyPort: false) is { } seed)
                seeds.Add(seed);
            else
                errors.Add($"--seed-nodes: '{item}' is not HOST:PORT with a port of 1..65535");
        }
        if (seeds.Distinct().Count() != seeds.Count)
            errors.Add("--seed-nodes: a member is listed twice");
        return seeds;
    }

    private static (string Host, int Port)? Split(string text, bool allowAnyPort)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port > 65535 || (port == 0 && !allowAnyPort))
            return null;
        var host = text[..colon].Trim('[', ']');
        return Uri.CheckHostName(host) == UriHostNameType.Unknown ? null : (host, port);
    }

    private static string? InUse(IPAddress address, int port)
    {
        try
        {
            using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(address, port));
            return null;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return "is already in use";
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressNotAvailable)
        {
            return "is not an address of this machine";
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AccessDenied)
        {
            return "needs privileges this process does not have";
        }
    }

    public override string ToString() => SeedNodes.Count == 0 ? $"{Host}:{Port} (alone)" : $"{Host}:{Port}, seeds {string.Join(",", SeedNodes.Select(s => $"{s.Host}:{s.Port}"))}";
}
