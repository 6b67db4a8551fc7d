using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Agent.Tests.Systemd;

/// <summary>
/// Forwards TCP connections from an address a network namespace can reach (the host end of its veth pair) to
/// the simulated API server on 127.0.0.1, which the namespace cannot reach: the agent under test then runs in
/// its own network namespace, where its NOTRACK rules land, and still talks to the cluster.
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public TcpForwarder(IPAddress listenOn, IPEndPoint target)
    {
        _target = target;
        _listener = new TcpListener(listenOn, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = PipeAsync(client);
        }
    }

    private async Task PipeAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(_target, _stop.Token);
                var inbound = client.GetStream().CopyToAsync(server.GetStream(), _stop.Token);
                var outbound = server.GetStream().CopyToAsync(client.GetStream(), _stop.Token);
                await Task.WhenAny(inbound, outbound); // either side closing ends the connection
            }
            catch (Exception error) when (error is IOException or SocketException or OperationCanceledException)
            {
                // A connection the agent or the server dropped (a killed agent does): nothing to forward any more.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
