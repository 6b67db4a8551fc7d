using System.Runtime.InteropServices;

namespace Orchestrator.Cli;

/// <summary>
/// How every command meets SIGINT and SIGTERM. The first one cancels <see cref="Token"/> (the command stops
/// gracefully: it stops watching, stops its actor systems, and the journal keeps what was persisted, so the same
/// command run again carries on), prints one line, and the process exits 130 (SIGINT) or 143 (SIGTERM), the codes a
/// shell gives a process the signal ended. A second signal, or a graceful stop that outlasts
/// <see cref="GracePeriod"/> (Kubernetes and systemd send SIGKILL after 30 s), ends the process at once with the same code.
/// Registered once, first thing in Main, so a Ctrl-C in the first second is not lost.
/// </summary>
public sealed class ShutdownSignals : IDisposable
{
    /// <summary>How long a graceful stop may take before the process ends without finishing it.</summary>
    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromSeconds(8);

    private readonly CancellationTokenSource _stop = new();
    private readonly TextWriter _stderr;
    private readonly PosixSignalRegistration[] _registrations;
    private readonly Action<int> _exitNow;
    private Timer? _deadline;
    private int _signal;

    /// <param name="stderr">Where the one line goes.</param>
    /// <param name="gracePeriod">How long the graceful stop may take.</param>
    /// <param name="exitNow">Ends the process without running any shutdown hook (the default; tests pass their own).</param>
    public ShutdownSignals(TextWriter stderr, TimeSpan? gracePeriod = null, Action<int>? exitNow = null)
    {
        _stderr = stderr;
        GracePeriod = gracePeriod ?? DefaultGracePeriod;
        _exitNow = exitNow ?? ExitAtOnce;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    public TimeSpan GracePeriod { get; }

    /// <summary>Cancelled by the first SIGINT or SIGTERM: the command's cue to stop gracefully.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Whether a signal arrived.</summary>
    public bool Received => Volatile.Read(ref _signal) != 0;

    /// <summary>130 after SIGINT, 143 after SIGTERM (128 + the signal's number); null before any signal.</summary>
    public int? ExitCode => Volatile.Read(ref _signal) switch
    {
        0 => null,
        var number => 128 + number,
    };

    /// <summary>The line printed at the first signal.</summary>
    public static string Message(string signal) =>
        $"{signal}: stopping; what was done is in the journal, run the same command again to carry on (a second signal stops at once)";

    /// <summary>Acts as if <paramref name="signal"/> had arrived (the handler of the registrations).</summary>
    public void Raise(PosixSignal signal)
    {
        var number = signal == PosixSignal.SIGINT ? 2 : 15;
        if (Interlocked.CompareExchange(ref _signal, number, 0) != 0)
        {
            _exitNow(ExitCode!.Value);
            return;
        }
        _stderr.WriteLine(Message(signal == PosixSignal.SIGINT ? "SIGINT" : "SIGTERM"));
        _stderr.Flush();
        _deadline = new Timer(_ => _exitNow(ExitCode!.Value), null, GracePeriod, Timeout.InfiniteTimeSpan);
        _stop.Cancel();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Without this the runtime would end the process (SIGINT) or run the CLR shutdown hooks (SIGTERM) itself.
        context.Cancel = true;
        Raise(context.Signal);
    }

    /// <summary>
    /// Environment.Exit would run the ProcessExit handlers, and Akka's CLR shutdown hook among them waits for the very
    /// shutdown that is taking too long; _exit ends the process without them.
    /// </summary>
    private static void ExitAtOnce(int code)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            ExitProcess(code);
        Environment.Exit(code);
    }

    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void ExitProcess(int status);

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        _deadline?.Dispose();
        _stop.Dispose();
    }
}
