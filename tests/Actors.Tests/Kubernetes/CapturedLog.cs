using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Orchestrator.Actors.Tests.Kubernetes;

/// <summary>A Serilog sink that keeps what the adapter logged, so tests can check what it says and what it never says.</summary>
public sealed class CapturedLog : ILogEventSink
{
    private readonly List<LogEvent> events = [];

    public ILogger Logger => new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();

    public IReadOnlyList<LogEvent> Events
    {
        get
        {
            lock (events)
                return events.ToList();
        }
    }

    /// <summary>Every event rendered with its properties and exception, as any sink could write it.</summary>
    public string Everything => string.Join("\n", Events.Select(e =>
        e.RenderMessage() + " " + string.Join(" ", e.Properties.Select(p => $"{p.Key}={p.Value}")) + " " + e.Exception));

    public void Emit(LogEvent logEvent)
    {
        lock (events)
            events.Add(logEvent);
    }
}
