using System.Globalization;
using Orchestrator.Hosting;

namespace Orchestrator.Audit;

/// <summary>
/// The instants the reading commands take (--since, --until, --at): a time with a date (2026-01-01T10:00:00Z, or local
/// without an offset), a time of day today (16:31:24, local), or a duration ago (10m, 2h).
/// </summary>
public static class AuditTime
{
    public static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset at)
    {
        at = default;
        // "16:31" is a time of day (as journalctl reads it), never 16 hours ago: a duration needs its unit (10m, 2h).
        if (text.Length > 0 && char.IsLetter(text[^1]) && Durations.TryParse(text, out var ago))
        {
            at = now - ago;
            return true;
        }
        if (TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss", "HH:mm:ss.FFF"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var timeOfDay))
        {
            var local = now.ToLocalTime();
            at = new DateTimeOffset(DateOnly.FromDateTime(local.DateTime).ToDateTime(timeOfDay), local.Offset);
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out at);
    }

    /// <summary>The error line of an instant that is neither.</summary>
    public static string Unparseable(string option, string text) =>
        $"{option}: '{text}' is neither a time (2026-01-01T10:00:00Z, 16:31:24) nor a duration ago (10m, 2h)";
}
