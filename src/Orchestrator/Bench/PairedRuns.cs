using System.Globalization;

namespace Orchestrator.Bench;

/// <summary>
/// A value and its baseline measured in turn (value, baseline, baseline, value, ...), so that a machine growing
/// slower or faster during the run weighs on both alike.
/// </summary>
public static class PairedRuns
{
    public static async Task<(Samples Value, Samples Baseline)> MeasureAsync(int repetitions, Func<int, Task<double>> value, Func<int, Task<double>> baseline)
    {
        var values = new Samples();
        var baselines = new Samples();
        for (var i = 0; i < repetitions; i++)
        {
            if (i % 2 == 0)
            {
                values.Add(await value(i));
                baselines.Add(await baseline(i));
            }
            else
            {
                baselines.Add(await baseline(i));
                values.Add(await value(i));
            }
        }
        return (values, baselines);
    }

    /// <summary>"name: value 1,234 (1,100-1,300), baseline ...": the spread says how noisy the machine was.</summary>
    public static string Spread(string name, Samples value, Samples baseline, string unit) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{name}: value {BenchReport.Format(value.Median)} {unit} (min {BenchReport.Format(value.Min)}, max {BenchReport.Format(value.Max)}), "
            + $"baseline {BenchReport.Format(baseline.Median)} (min {BenchReport.Format(baseline.Min)}, max {BenchReport.Format(baseline.Max)}) over {value.Count} repetitions");
}
