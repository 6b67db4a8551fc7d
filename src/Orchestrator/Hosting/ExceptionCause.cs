using Serilog.Core;
using Serilog.Events;

namespace Orchestrator.Hosting;

/// <summary>
/// Adds "Cause": ": " and the failure's innermost message, so that a line about a failure (Akka's "Failed to persist
/// event ...", a dead agent) says why on the same line; the stack trace itself is printed only with --verbose.
/// </summary>
public sealed class ExceptionCause : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.Exception is not { } error)
            return;
        var innermost = error;
        while (innermost.InnerException is not null)
            innermost = innermost.InnerException;
        logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("Cause", ": " + innermost.Message.ReplaceLineEndings(" ").Trim()));
    }
}
