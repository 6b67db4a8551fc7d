using System.Globalization;
using System.Net;

namespace Orchestrator.Hosting;

/// <summary>Where `run --http ADDRESS:PORT` serves /healthz, /readyz and /metrics; "off" serves nothing.</summary>
public sealed record HttpEndpoint(IPAddress Address, int Port)
{
    public static (HttpEndpoint? Endpoint, string? Error) Parse(string text)
    {
        if (text == "off")
            return (null, null);
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !IPAddress.TryParse(text[..colon].Trim('[', ']'), out var address)
            || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 0 or > 65535)
            return (null, $"--http: '{text}' is not ADDRESS:PORT (e.g. 0.0.0.0:8080) or off");
        return (new HttpEndpoint(address, port), null);
    }

    public string Url => $"http://{(Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString())}:{Port}";

    public override string ToString() => Url;
}
