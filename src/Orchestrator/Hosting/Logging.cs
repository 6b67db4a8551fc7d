using Serilog;
using Serilog.Events;

namespace Orchestrator.Hosting;

/// <summary>
/// The process's Serilog logger, structured, on stderr (stdout belongs to tables and JSON). Akka logs through it
/// too (Akka.Logger.Serilog reads <see cref="Log.Logger"/>). A failure is one line with its cause; its stack trace
/// is printed only at Debug (--verbose), for the one who asked for detail.
/// </summary>
public static class Logging
{
    public static ILogger Configure(LogEventLevel minimum)
    {
        var template = minimum <= LogEventLevel.Debug
            ? "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}"
            : "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{Cause}{NewLine}";
        Log.Logger = new LoggerConfiguration()
            .MinimumLevel.Is(minimum)
            .Enrich.FromLogContext()
            .Enrich.With<ExceptionCause>()
            .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, outputTemplate: template)
            .CreateLogger();
        return Log.Logger;
    }
}
