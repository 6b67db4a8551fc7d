using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Orchestrator.Hosting;

namespace Orchestrator.Cli;

/// <summary>
/// The checks every command makes of its options before anything starts, each failure one line `--option: reason`
/// added to the list the command prints (exit 2). Ranges are checked here rather than left to the code that uses the
/// value, where an out-of-range number ends as an OverflowException or an AggregateException five deep.
/// </summary>
public static class OptionChecks
{
    /// <summary>The longest an `apply` waits: longer is a typo, and timers cannot count much further (~24 days).</summary>
    public static readonly TimeSpan LongestTimeout = TimeSpan.FromDays(7);

    /// <summary>A duration in (0, <paramref name="longest"/>]; null (and an error) when it is not.</summary>
    public static TimeSpan? Duration(string option, string text, TimeSpan longest, List<string> errors)
    {
        if (!Durations.TryParse(text, out var duration))
        {
            errors.Add($"{option}: '{text}' is not a duration (a positive one: 90s, 10m, 1h)");
            return null;
        }
        if (duration > longest)
        {
            errors.Add($"{option}: '{text}' is longer than {Describe(longest)}");
            return null;
        }
        return duration;
    }

    /// <summary>A time span given as a TimeSpan option, inside [shortest, longest].</summary>
    public static bool Range(string option, TimeSpan value, TimeSpan shortest, TimeSpan longest, List<string> errors)
    {
        if (value >= shortest && value <= longest)
            return true;
        errors.Add($"{option}: {value.ToString("c", CultureInfo.InvariantCulture)} is not between {Describe(shortest)} and {Describe(longest)}");
        return false;
    }

    /// <summary>A TCP port on 127.0.0.1 this process will listen on: 0 (any free one) or 1..65535, and free now.</summary>
    public static bool ListenPort(string option, int port, List<string> errors)
    {
        if (port is < 0 or > 65535)
        {
            errors.Add($"{option}: {port} is not a port number (0..65535; 0 picks a free one)");
            return false;
        }
        if (port == 0)
            return true;
        try
        {
            // Bound and released at once: a port another process holds is found here, not as a bind failure deep in Akka.Remote.
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            errors.Add($"{option}: 127.0.0.1:{port} is already in use");
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AccessDenied)
        {
            errors.Add($"{option}: 127.0.0.1:{port} needs privileges this process does not have");
        }
        return false;
    }

    /// <summary>A folder this command creates or writes in: refused when a file stands where it should be.</summary>
    public static bool WritableFolder(string option, string path, List<string> errors)
    {
        var full = Path.GetFullPath(path);
        for (var current = full; !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
        {
            if (File.Exists(current))
            {
                errors.Add(current == full ? $"{option}: {full} is a file, not a folder" : $"{option}: {current} is a file, so {full} cannot be a folder");
                return false;
            }
            if (Directory.Exists(current))
                return true;
        }
        return true;
    }

    /// <summary>A file this command writes: refused when a folder stands there or its folder cannot be.</summary>
    public static bool WritableFile(string option, string path, List<string> errors)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            errors.Add($"{option}: {full} is a folder, not a file");
            return false;
        }
        return WritableFolder(option, Path.GetDirectoryName(full)!, errors);
    }

    private static string Describe(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays) ? $"{span.TotalDays:0} days"
        : span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours) ? $"{span.TotalHours:0} h"
        : span.TotalSeconds >= 1 ? $"{span.TotalSeconds:0.###} s"
        : $"{span.TotalMilliseconds:0} ms";
}
