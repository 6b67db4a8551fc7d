using Orchestrator.Adapters.Kubernetes;

namespace Orchestrator.Actors.Tests.Kubernetes;

public class BackoffDelaySpecs
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(0, 200)]
    [InlineData(1, 400)]
    [InlineData(3, 1600)]
    [InlineData(10, 5000)]
    [InlineData(1000, 5000)]
    public void Delay_doubles_per_attempt_up_to_the_cap_and_jitters_within_its_upper_half(int attempt, int capMilliseconds)
    {
        var shortest = BackoffDelay.For(attempt, Initial, Max, 0);
        var longest = BackoffDelay.For(attempt, Initial, Max, 0.999999);

        Assert.Equal(capMilliseconds / 2.0, shortest.TotalMilliseconds, 3);
        Assert.Equal(capMilliseconds, longest.TotalMilliseconds, 0);
    }

    [Fact]
    public void Different_random_samples_give_different_delays()
    {
        Assert.NotEqual(BackoffDelay.For(2, Initial, Max, 0.1), BackoffDelay.For(2, Initial, Max, 0.9));
    }

    [Fact]
    public void A_negative_attempt_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BackoffDelay.For(-1, Initial, Max, 0.5));
    }
}
