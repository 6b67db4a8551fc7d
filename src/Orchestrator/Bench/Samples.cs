namespace Orchestrator.Bench;

/// <summary>The repeated readings of one quantity; figures quote the median (the machines are shared and noisy).</summary>
public sealed class Samples
{
    private readonly List<double> _values = [];

    public void Add(double value) => _values.Add(value);

    public int Count => _values.Count;

    public double Median
    {
        get
        {
            if (_values.Count == 0)
                throw new InvalidOperationException("no samples were taken");
            var sorted = _values.Order().ToList();
            var middle = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    public double Min => _values.Min();

    public double Max => _values.Max();
}
