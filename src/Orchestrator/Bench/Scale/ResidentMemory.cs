namespace Orchestrator.Bench.Scale;

/// <summary>
/// A process's resident set (VmRSS), its peak (VmHWM) and the part of it that is anonymous (RssAnon: the GC heap, thread
/// stacks, native allocations such as SQLite's page caches; the rest is code and libraries mapped from files), read from
/// /proc/PID/status; null off Linux or once it is gone.
/// </summary>
public static class ResidentMemory
{
    public static (long Current, long Peak, long Anonymous)? Of(int processId)
    {
        try
        {
            long current = 0, peak = 0, anonymous = 0;
            foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    current = Kibibytes(line);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    peak = Kibibytes(line);
                else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                    anonymous = Kibibytes(line);
            }
            return current > 0 ? (current, peak, anonymous) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The median of <paramref name="samples"/> readings <paramref name="interval"/> apart (the peak: the largest): one
    /// reading of a process whose GC keeps garbage until its next gen2 collection swings by 30-50 MiB at 1,000 nodes.
    /// Null once the process is gone.
    /// </summary>
    public static async Task<(long Current, long Peak, long Anonymous)?> MedianOfAsync(int processId, int samples, TimeSpan interval, CancellationToken cancellationToken)
    {
        var readings = new List<(long Current, long Peak, long Anonymous)>();
        for (var i = 0; i < samples; i++)
        {
            if (i > 0)
                await Task.Delay(interval, cancellationToken);
            if (Of(processId) is not { } reading)
                return null;
            readings.Add(reading);
        }
        long Median(IEnumerable<long> values) => values.Order().ElementAt(samples / 2);
        return (Median(readings.Select(r => r.Current)), readings.Max(r => r.Peak), Median(readings.Select(r => r.Anonymous)));
    }

    private static long Kibibytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
}
