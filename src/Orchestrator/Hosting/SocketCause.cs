using System.Net.Sockets;

namespace Orchestrator.Hosting;

/// <summary>
/// What a failed connection says to a person, in a few words, for the preflights of the journal and of the cluster:
/// the socket error anywhere in the exception's chain, or null when none of these is there.
/// </summary>
public static class SocketCause
{
    public static string? Of(Exception error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return "connection refused";
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData }:
                    return "no such host";
                case SocketException { SocketErrorCode: SocketError.NetworkUnreachable or SocketError.HostUnreachable }:
                    return "network unreachable";
            }
        }
        return null;
    }
}
