using System.Globalization;

namespace Orchestrator.Hosting;

/// <summary>Durations as people type them on a command line: 90s, 10m, 1h, 500ms, or 00:10:00.</summary>
public static class Durations
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var units = new (string Suffix, Func<double, TimeSpan> Make)[]
        {
            ("ms", TimeSpan.FromMilliseconds), ("s", TimeSpan.FromSeconds), ("m", TimeSpan.FromMinutes), ("h", TimeSpan.FromHours),
        };
        foreach (var (suffix, make) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
                && amount > 0)
            {
                // 99999999999h is a number, but no TimeSpan: refused like any other text that is no duration.
                if (!double.IsFinite(amount) || amount * Milliseconds(suffix) >= TimeSpan.MaxValue.TotalMilliseconds)
                    return false;
                duration = make(amount);
                return true;
            }
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
    }

    private static double Milliseconds(string suffix) => suffix switch
    {
        "ms" => 1,
        "s" => 1_000,
        "m" => 60_000,
        _ => 3_600_000,
    };
}
