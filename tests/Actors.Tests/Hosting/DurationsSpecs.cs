using Orchestrator.Hosting;

namespace Orchestrator.Actors.Tests.Hosting;

public sealed class DurationsSpecs
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("1h", 3600)]
    [InlineData("1.5m", 90)]
    [InlineData("500ms", 0.5)]
    [InlineData("00:02:00", 120)]
    public void Durations_read_as_people_type_them(string text, double seconds)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("ten minutes")]
    [InlineData("-5m")]
    [InlineData("0s")]
    [InlineData("")]
    [InlineData("99999999999h")]
    [InlineData("1e300ms")]
    [InlineData("Infinitys")]
    public void Nonsense_or_non_positive_durations_are_refused(string text) => Assert.False(Durations.TryParse(text, out _));
}
