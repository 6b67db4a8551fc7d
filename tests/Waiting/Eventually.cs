using System.Diagnostics;

namespace Orchestrator.Tests.Waiting;

/// <summary>
/// The one bounded wait of the test projects (linked into each by tests/Directory.Build.props): polls until a condition
/// holds or a generous bound passes, instead of sleeping for a fixed time and hoping. A test that passes never waits
/// for the bound, so it can be large for a loaded machine; one that fails says what it awaited and what it last saw.
/// </summary>
public static class Eventually
{
    /// <summary>The bound when a caller names none.</summary>
    public static readonly TimeSpan DefaultBound = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Reads until <paramref name="done"/> holds for what was read and returns it; past the bound, throws a
    /// <see cref="TimeoutException"/> naming <paramref name="what"/>, the last value read and, if given,
    /// <paramref name="context"/> (a process's stderr, say).
    /// </summary>
    public static async Task<T> Get<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? within = null, Func<string>? context = null)
    {
        var bound = within ?? DefaultBound;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var last = await read();
            if (done(last))
                return last;
            if (clock.Elapsed > bound)
                throw new TimeoutException($"{what}: not within {bound}; last seen: {last?.ToString() ?? "null"}"
                    + (context is null ? "" : "\n" + context()));
            await Task.Delay(Pause);
        }
    }

    /// <summary>Until the condition holds; for a condition with nothing more to show than true or false.</summary>
    public static Task True(Func<bool> condition, string what, TimeSpan? within = null) =>
        Get(() => Task.FromResult(condition()), ok => ok, what, within);

    /// <summary>Until the condition holds; for a condition with nothing more to show than true or false.</summary>
    public static Task True(Func<Task<bool>> condition, string what, TimeSpan? within = null, Func<string>? context = null) =>
        Get(condition, ok => ok, what, within, context);
}
