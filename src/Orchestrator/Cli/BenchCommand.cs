using System.CommandLine;
using System.Diagnostics;
using Orchestrator.Bench;
using Orchestrator.Hosting;
using Serilog.Events;
using Spectre.Console;

namespace Orchestrator.Cli;

/// <summary>
/// `orchestrator bench [--quick] [--only NAME,...] [-o table|json] [--postgres URL]`: every figure measured against
/// its baseline in the same run, medians of several repetitions. Progress goes to stderr, the result to stdout.
/// Exit 0 when every chosen figure was measured (met or not: the bench reports, it does not judge), 1 when a figure
/// could not be measured, 2 on bad input.
/// </summary>
public static class BenchCommand
{
    public const string PostgresEnvironmentVariable = "ORCHESTRATOR_BENCH_POSTGRES";

    public sealed record Arguments(bool Quick, string? Only, string Output, string? Postgres, string WorkDirectory, string? AkkaConfig,
        string? ScaleSizes = null);

    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "A small version of each figure (the whole run in under two minutes)." };
        var only = new Option<string?>("--only") { Description = "Comma-separated figures to run: " + string.Join(", ", BenchFigures.Names) + "." };
        var output = CommonOptions.Output("table", "json");
        var postgres = new Option<string?>("--postgres")
        {
            Description = $"The PostgreSQL server of journal_postgres (postgres://user:pass@host:port/db; default ${PostgresEnvironmentVariable}).",
        };
        var workDirectory = new Option<string>("--work-dir")
        {
            Description = "Where the figures keep their journals, trees and clusters while they run (removed afterwards, unless a figure failed).",
            DefaultValueFactory = _ => ".orchestrator/bench",
        };
        var akkaConfig = new Option<string?>("--akka-config") { Description = $"The HOCON file of Akka's settings, for the bench and every orchestrator process it starts (default: akka.hocon beside the executable, or ${AkkaConfigFile.EnvironmentVariable})." };
        var scaleSizes = new Option<string?>("--scale-sizes")
        {
            Description = "Comma-separated node counts for the scale figures instead of 100,1000,10000 (10,30 with --quick), "
                + "each with one service per ten nodes: to measure one size on its own.",
        };
        var command = new Command("bench", "Measures every speed figure against its baseline in the same run.")
        {
            quick, only, output, postgres, workDirectory, akkaConfig, scaleSizes,
        };
        command.SetAction(async (parsed, cancellation) =>
        {
            // stdout carries only the result: whatever a library prints while the figures run goes to stderr.
            var stdout = Console.Out;
            Console.SetOut(Console.Error);
            try
            {
                return await RunAsync(new Arguments(parsed.GetValue(quick), parsed.GetValue(only), parsed.GetValue(output)!,
                    parsed.GetValue(postgres) ?? Environment.GetEnvironmentVariable(PostgresEnvironmentVariable),
                    parsed.GetValue(workDirectory)!, parsed.GetValue(akkaConfig), parsed.GetValue(scaleSizes)), stdout, Console.Error, cancellation);
            }
            finally
            {
                Console.SetOut(stdout);
            }
        });
        return command;
    }

    public static async Task<int> RunAsync(Arguments arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        var errors = new List<string>();
        var (figures, unknown) = BenchFigures.Select(arguments.Only?.Split(','));
        if (unknown.Count > 0)
            errors.Add($"--only: unknown figure(s) {string.Join(", ", unknown)}; the figures are {string.Join(", ", BenchFigures.Names)}");
        else if (figures.Count == 0)
            errors.Add($"--only: names no figure; the figures are {string.Join(", ", BenchFigures.Names)}");
        if (arguments.Postgres is { } url)
        {
            var (_, postgresError) = JournalLocation.Parse(url);
            if (postgresError is not null || !url.StartsWith("postgres", StringComparison.Ordinal))
                errors.Add("--postgres: expected postgres://user:pass@host:port/db");
        }
        IReadOnlyList<int>? sizes = null;
        if (arguments.ScaleSizes is { } sizeList)
        {
            var parsedSizes = sizeList.Split(',', StringSplitOptions.TrimEntries)
                .Select(size => int.TryParse(size, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 10 ? n : 0)
                .ToList();
            if (parsedSizes.Count < 2 || parsedSizes.Contains(0))
                errors.Add("--scale-sizes: expected two or more node counts of at least 10, comma-separated (e.g. 100,2000)");
            else
                sizes = parsedSizes;
        }
        var (hocon, hoconError) = AkkaConfigFile.Read(arguments.AkkaConfig);
        if (hoconError is not null)
            errors.Add(hoconError);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
                stderr.WriteLine(error);
            return ExitCodes.BadInput;
        }

        // Every `orchestrator` process the figures start (apply, run, the cluster's members) reads the same settings as the
        // figures' baselines (the cluster's detection floor is read from them): the flag reaches them as the variable.
        if (arguments.AkkaConfig is { } akkaConfig)
            Environment.SetEnvironmentVariable(AkkaConfigFile.EnvironmentVariable, Path.GetFullPath(akkaConfig));
        Logging.Configure(LogEventLevel.Warning);
        var workDirectory = Path.GetFullPath(arguments.WorkDirectory);
        Directory.CreateDirectory(workDirectory);
        var run = new BenchRun(arguments.Quick, workDirectory, hocon!, arguments.Postgres, stderr, sizes);
        var machine = MachineInfo.Current();
        stderr.WriteLine($"bench{(arguments.Quick ? " --quick" : "")}: {figures.Count} figure(s) on {machine}");
        var stopwatch = Stopwatch.StartNew();
        var results = new List<FigureResult>();
        var failed = false;
        foreach (var figure in figures)
        {
            run.Report(figure.Name, figure.What);
            try
            {
                results.Add(await figure.RunAsync(run, cancellation));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
            {
                // A figure that could not be measured is reported as such, never as a number.
                failed = true;
                run.Report(figure.Name, $"failed: {e.GetType().Name}: {e.Message}");
                results.Add(FigureResult.Skip(figure.Name, "-", "-", $"failed: {e.GetType().Name}: {e.Message}"));
            }
        }
        await run.Converged.DisposeAsync();
        // A figure that failed leaves its files (the members' logs, journals, specs) for a person to read.
        if (failed)
            stderr.WriteLine($"bench: kept {workDirectory}: the files of the figure(s) that failed, their processes' logs among them");
        else
            TryDelete(workDirectory);
        var report = new BenchReport(machine, arguments.Quick, results, stopwatch.Elapsed);
        if (arguments.Output == "json")
            stdout.WriteLine(report.ToJson());
        else
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });
            // Redirected to a file, Spectre assumes 80 columns and folds every cell; a report is read in full.
            if (Console.IsOutputRedirected)
                console.Profile.Width = 160;
            report.WriteTable(console);
        }
        return failed ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file a child process still held: the next run empties each figure's folder before it starts.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
