using Akka.Event;
using Serilog;
using Serilog.Events;

namespace Orchestrator.Hosting;

/// <summary>
/// Akka's own level, taken from the process's Serilog logger. Akka logs through Serilog while its loggers run, but
/// before they start and after they stop (the "Remoting shut down" lines at the end of every apply) it prints to
/// stdout in its own format at `akka.loglevel`; below Serilog's level those lines are silent, as the rest of Akka's.
/// </summary>
public static class AkkaLogLevel
{
    public static LogLevel OfSerilog() =>
        // Akka's DEBUG is its internals (every message, every lifecycle step): --verbose shows our debug lines, not those.
        Log.Logger.IsEnabled(LogEventLevel.Information) ? LogLevel.InfoLevel
        : Log.Logger.IsEnabled(LogEventLevel.Warning) ? LogLevel.WarningLevel
        : LogLevel.ErrorLevel;
}
