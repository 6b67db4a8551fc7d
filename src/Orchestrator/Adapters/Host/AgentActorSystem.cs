using System.Runtime.Versioning;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Sql;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Adapters.Host;

/// <summary>
/// The agent's local actor system (no cluster: the agent talks to the orchestrator only through the API)
/// with its journal in a SQLite file in the host's state folder, so a restarted agent pod on the same node
/// replays what it had decided.
/// </summary>
[SupportedOSPlatform("linux")]
public static class AgentActorSystem
{
    public const string JournalFile = "journal.db";

    /// <param name="logLevel">Akka's own level: below it Akka does not even log (its shutdown lines included).</param>
    public static ActorSystem Create(string name, HostRoot root, string logLevel = "INFO")
    {
        var journal = Path.Combine(root.StateFolder(), JournalFile);
        var connection = new SqliteConnectionStringBuilder { DataSource = journal }.ToString();
        var config = ConfigurationFactory.ParseString($$"""
            akka {
              loglevel = {{logLevel}}
              # Lines Akka prints itself (start-up, shutdown) go below Serilog; only warnings are worth them.
              stdout-loglevel = WARNING
              loggers = ["Akka.Logger.Serilog.SerilogLogger, Akka.Logger.Serilog"]
              logger-formatter = "Akka.Logger.Serilog.SerilogLogMessageFormatter, Akka.Logger.Serilog"
              actor {
                serializers.agent-events = "Orchestrator.Actors.Agent.AgentEventSerializer, Orchestrator.Actors"
                serialization-bindings {
                  "Orchestrator.Actors.Agent.IUnitEvent, Orchestrator.Actors" = agent-events
                  "Orchestrator.Actors.Agent.IHostEvent, Orchestrator.Actors" = agent-events
                }
              }
              persistence {
                journal {
                  plugin = "akka.persistence.journal.sql"
                  sql {
                    connection-string = "{{connection}}"
                    provider-name = "SQLite.MS"
                    auto-initialize = on
                  }
                }
                snapshot-store {
                  plugin = "akka.persistence.snapshot-store.sql"
                  sql {
                    connection-string = "{{connection}}"
                    provider-name = "SQLite.MS"
                    auto-initialize = on
                  }
                }
              }
            }
            """).WithFallback(SqlPersistence.DefaultConfiguration);
        // Not JournalPersistence's deferred reads: an agent starts its unit supervisors at once on a journal that may be
        // new, and a deferred read ran before the table was made ("no such table: journal", seen in CI), which left
        // that unit's supervisor dead. Reads that take the write lock wait for the table; an agent recovers rarely.
        return ActorSystem.Create(name, config);
    }
}
