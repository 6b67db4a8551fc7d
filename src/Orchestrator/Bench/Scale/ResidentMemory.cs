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

    private static long Kibibytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
}
