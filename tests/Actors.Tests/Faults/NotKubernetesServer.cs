using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Orchestrator.Actors.Tests.Faults;

/// <summary>
/// A web server that is not Kubernetes (what a kubeconfig pointing at the wrong port meets): it answers every request
/// with the same status and HTML page. Not a double of the API server: it is the thing the API server is not.
/// </summary>
public sealed class NotKubernetesServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public NotKubernetesServer(int status, string reason)
    {
        _listener.Start();
        _ = ServeAsync(status, reason);
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    private async Task ServeAsync(int status, string reason)
    {
        const string page = "<html><body><h1>It works!</h1></body></html>";
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            using (client)
            {
                var stream = client.GetStream();
                var buffer = new byte[8192];
                var request = new StringBuilder();
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer);
                    if (read == 0)
                        break;
                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }
                var answer = $"HTTP/1.1 {status} {reason}\r\nContent-Type: text/html\r\nContent-Length: {page.Length}\r\nConnection: close\r\n\r\n{page}";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(answer));
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
