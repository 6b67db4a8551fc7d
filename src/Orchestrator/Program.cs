using Orchestrator.Cli;

return CommandLine.Run(args);
