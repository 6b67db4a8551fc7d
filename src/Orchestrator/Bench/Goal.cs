using System.Globalization;

namespace Orchestrator.Bench;

/// <summary>What a goal is held against: the measured value itself, or its ratio to the baseline.</summary>
public enum GoalTarget
{
    Value,
    Ratio,
}

/// <summary>One condition of a figure's goal, e.g. "ratio >= 0.5" or "value >= 15000".</summary>
public sealed record GoalCondition(GoalTarget Target, bool AtLeast, double Threshold)
{
    public static GoalCondition RatioAtLeast(double threshold) => new(GoalTarget.Ratio, true, threshold);
    public static GoalCondition RatioAtMost(double threshold) => new(GoalTarget.Ratio, false, threshold);
    public static GoalCondition ValueAtLeast(double threshold) => new(GoalTarget.Value, true, threshold);
    public static GoalCondition ValueAtMost(double threshold) => new(GoalTarget.Value, false, threshold);

    public bool IsMetBy(double value, double ratio)
    {
        var measured = Target == GoalTarget.Value ? value : ratio;
        return AtLeast ? measured >= Threshold : measured <= Threshold;
    }

    public override string ToString() =>
        $"{(Target == GoalTarget.Value ? "value" : "ratio")} {(AtLeast ? ">=" : "<=")} {Threshold.ToString("0.###", CultureInfo.InvariantCulture)}";
}
