using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Actors.Tests.Faults;

/// <summary>A loopback port nothing listens on: bound once to learn a free number, then released.</summary>
public static class ClosedPort
{
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
