namespace Orchestrator.Bench;

/// <summary>One figure of `orchestrator bench`: measured with its baseline in the same run.</summary>
public interface IBenchFigure
{
    /// <summary>The json key and the name `--only` takes.</summary>
    string Name { get; }

    /// <summary>One line: what is measured, against what.</summary>
    string What { get; }

    Task<FigureResult> RunAsync(BenchRun run, CancellationToken cancellationToken);
}
