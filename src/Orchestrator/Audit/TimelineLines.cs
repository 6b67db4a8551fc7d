using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Audit;

/// <summary>
/// The timeline for a person, one line per event as `journalctl` and `kubectl get events` print it: time, subject,
/// event, and what happened, cut to the terminal's width (80 columns) with "…"; `-o wide` prints every field whole.
/// A day is printed once, on a "-- day --" line, so that a line needs only the time of day. Never a wrapped table.
/// </summary>
public static class TimelineLines
{
    public const int Width = 80;
    private const int SubjectWidth = 20;
    private const int EventWidth = 13;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Header(bool wide) => wide
        ? "TIME                     DEPLOYMENT  SUBJECT  EVENT  CAUSE  [DETAIL]"
        : $"{"TIME",-8} {"SUBJECT".PadRight(SubjectWidth)} {"EVENT".PadRight(EventWidth)} WHAT";

    /// <summary>The lines for these entries (oldest first), each day announced once; <paramref name="day"/> carries on across calls (--follow).</summary>
    public static IEnumerable<string> Format(IEnumerable<TimelineEntry> entries, bool wide, Ref<DateOnly?> day)
    {
        foreach (var entry in entries)
        {
            var local = entry.At.ToLocalTime();
            var today = DateOnly.FromDateTime(local.DateTime);
            if (!wide && day.Value != today)
            {
                day.Value = today;
                yield return $"-- {today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} --";
            }
            yield return wide ? Wide(entry) : Short(entry);
        }
    }

    /// <summary>One JSON object per line: the contract of `audit -o json` (field names in README).</summary>
    public static string JsonLine(TimelineEntry entry) => JsonSerializer.Serialize(new JsonEvent(
        entry.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        entry.Deployment, entry.Subject, entry.Name, entry.Event, entry.Cause, entry.Detail, entry.PersistenceId, entry.SequenceNr), Json);

    /// <summary>What happened, in the fewest words: a reason where the event has one (degraded, failed, waiting), else its cause.</summary>
    public static string What(TimelineEntry entry) => entry.Event switch
    {
        "service-degraded" or "service-failed" or "node-degraded" or "service-waiting-for-dependencies" or "deployment-status-changed"
            when entry.Detail is not null => entry.Detail + (entry.Cause == "observed" ? "" : " <- " + entry.Cause),
        _ => entry.Cause,
    };

    private static string Short(TimelineEntry entry)
    {
        var time = entry.At.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var subject = Cut($"{entry.Subject}/{entry.Name}", SubjectWidth);
        var @event = Cut(Word(entry), EventWidth);
        return Cut($"{time} {subject.PadRight(SubjectWidth)} {@event.PadRight(EventWidth)} {What(entry)}", Width);
    }

    /// <summary>The event in one short word beside its subject ("service-waiting-for-dependencies" reads "waiting"); -o wide and json keep the stable name.</summary>
    public static string Word(TimelineEntry entry) => WithoutSubject(entry) switch
    {
        "waiting-for-dependencies" => "waiting",
        "host-units-written" => "units-written",
        "host-service-released" => "released",
        "objects-applied" => "applied",
        "apply-started" => "applying",
        "status-changed" => "status",
        var word => word,
    };

    private static string Wide(TimelineEntry entry) =>
        $"{entry.At.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)}  {entry.Deployment ?? "-"}  "
        + $"{entry.Subject}/{entry.Name}  {entry.Event}  {entry.Cause}{(entry.Detail is null ? "" : $"  [{entry.Detail}]")}";

    /// <summary>"service-degraded" reads "degraded" beside "service/keystone".</summary>
    private static string WithoutSubject(TimelineEntry entry) =>
        entry.Event.StartsWith(entry.Subject + "-", StringComparison.Ordinal) ? entry.Event[(entry.Subject.Length + 1)..] : entry.Event;

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

    private sealed record JsonEvent(string Time, string? Deployment, string Kind, string Name, string Event, string Cause, string? Detail,
        string? PersistenceId, long SequenceNr);
}

/// <summary>A value a caller keeps between calls of an iterator (which cannot take a ref parameter).</summary>
public sealed class Ref<T>(T value)
{
    public T Value { get; set; } = value;
}
