using Serilog;
using Serilog.Events;

namespace Orchestrator.Hosting;

/// <summary>
/// The process's Serilog logger, structured, on stderr (stdout belongs to tables and JSON). Akka logs through it
/// too (Akka.Logger.Serilog reads <see cref="Log.Logger"/>).
/// </summary>
public static class Logging
{
    public static ILogger Configure(LogEventLevel minimum)
    {
        Log.Logger = new LoggerConfiguration()
            .MinimumLevel.Is(minimum)
            .Enrich.FromLogContext()
            .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose,
                outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}")
            .CreateLogger();
        return Log.Logger;
    }
}
