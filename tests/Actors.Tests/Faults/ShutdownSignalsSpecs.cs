using System.Runtime.InteropServices;
using Orchestrator.Cli;

namespace Orchestrator.Actors.Tests.Faults;

/// <summary>The first signal asks for a graceful stop in one line; a second ends the process at once.</summary>
public sealed class ShutdownSignalsSpecs
{
    [Theory]
    [InlineData(PosixSignal.SIGINT, 130, "SIGINT: stopping")]
    [InlineData(PosixSignal.SIGTERM, 143, "SIGTERM: stopping")]
    public void The_first_signal_cancels_the_token_and_says_so_in_one_line(PosixSignal signal, int code, string line)
    {
        var stderr = new StringWriter();
        var exits = new List<int>();
        using var signals = new ShutdownSignals(stderr, TimeSpan.FromHours(1), exits.Add);

        signals.Raise(signal);

        Assert.True(signals.Token.IsCancellationRequested);
        Assert.Equal(code, signals.ExitCode);
        Assert.Single(stderr.ToString().TrimEnd().Split('\n'));
        Assert.StartsWith(line, stderr.ToString());
        Assert.Empty(exits);
    }

    [Fact]
    public void A_second_signal_exits_at_once_with_the_first_signals_code()
    {
        var exits = new List<int>();
        using var signals = new ShutdownSignals(new StringWriter(), TimeSpan.FromHours(1), exits.Add);

        signals.Raise(PosixSignal.SIGTERM);
        signals.Raise(PosixSignal.SIGINT);

        Assert.Equal([143], exits);
    }

    [Fact]
    public void A_graceful_stop_that_outlasts_its_grace_period_is_ended()
    {
        using var ended = new ManualResetEventSlim();
        var code = 0;
        using var signals = new ShutdownSignals(new StringWriter(), TimeSpan.FromMilliseconds(50), c =>
        {
            code = c;
            ended.Set();
        });

        signals.Raise(PosixSignal.SIGINT);

        Assert.True(ended.Wait(TimeSpan.FromSeconds(30)));
        Assert.Equal(130, code);
    }

    [Fact]
    public void No_signal_no_exit_code()
    {
        using var signals = new ShutdownSignals(new StringWriter(), TimeSpan.FromHours(1), _ => { });

        Assert.Null(signals.ExitCode);
        Assert.False(signals.Token.IsCancellationRequested);
    }
}
