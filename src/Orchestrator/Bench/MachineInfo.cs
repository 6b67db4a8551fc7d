using System.Runtime.InteropServices;

namespace Orchestrator.Bench;

/// <summary>The machine a run measured: every figure is only meaningful beside it.</summary>
public sealed record MachineInfo(int Cores, long MemoryBytes, string OperatingSystem, string Runtime, string Processor)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        TotalMemory(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        ProcessorModel());

    public override string ToString() =>
        $"{Cores} cores ({Processor}), {MemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB memory, {OperatingSystem}, {Runtime}";

    /// <summary>MemTotal of /proc/meminfo on Linux; elsewhere what the runtime reports as available.</summary>
    private static long TotalMemory()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kib))
                return kib * 1024;
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }

    private static string ProcessorModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null)
                return line.Split(':', 2)[1].Trim();
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
