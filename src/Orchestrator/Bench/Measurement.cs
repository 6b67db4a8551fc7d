namespace Orchestrator.Bench;

/// <summary>
/// One measured quantity of a figure beside its baseline from the same run: both are medians of
/// <see cref="Repetitions"/> repetitions. The ratio is value / baseline; the goal holds all its conditions.
/// </summary>
public sealed record Measurement(
    string Name,
    double Value,
    double Baseline,
    string Unit,
    string BaselineWhat,
    IReadOnlyList<GoalCondition> Goal,
    int Repetitions)
{
    public double Ratio => Baseline == 0 ? double.NaN : Value / Baseline;

    public bool Met => Goal.Count > 0 && Goal.All(condition => condition.IsMetBy(Value, Ratio));

    public string GoalText => string.Join(", ", Goal);
}
