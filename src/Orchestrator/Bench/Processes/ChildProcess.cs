using System.Diagnostics;
using System.Text;

namespace Orchestrator.Bench.Processes;

/// <summary>
/// A program the bench starts (this executable, kubectl, cp): arguments passed as a list, never through a shell;
/// its output kept for error messages. Disposing kills it (and what it started) if it is still running.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _standardOutput = new();
    private readonly List<(string Prefix, TaskCompletionSource<string> Found)> _lineWaiters = [];

    private StreamWriter? _log;

    private ChildProcess(Process process) => _process = process;

    /// <summary>The process id, to read its resident memory from /proc.</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>kill -9: the process ends with no chance to leave or flush anything, as when its node dies.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM through kill(1), as the kubelet stops a container: the process may shut down in its own way.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>What it wrote on stdout alone (a command's result, without its progress and logs).</summary>
    public string StandardOutput
    {
        get
        {
            lock (_output)
                return _standardOutput.ToString();
        }
    }

    /// <param name="environment">Variables added to the child's environment (a password, kept off its command line).</param>
    /// <param name="logFile">A file every line of its output is appended to as it comes (kept when the process dies).</param>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null, string? logFile = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process) { _log = logFile is null ? null : new StreamWriter(logFile, append: true) { AutoFlush = true } };
        process.OutputDataReceived += (_, e) => child.Line(e.Data, standardOutput: true);
        process.ErrorDataReceived += (_, e) => child.Line(e.Data, standardOutput: false);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// Runs a program to its end and returns its exit code, its output (stdout and stderr as they came), the wall
    /// seconds it took and its stdout alone.
    /// </summary>
    public static async Task<(int Exit, string Output, double Seconds, string StandardOutput)> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var child = Start(fileName, arguments);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(timeout);
        try
        {
            await child._process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} did not finish in {timeout.TotalSeconds:0}s: {Tail(child.Output)}");
        }
        var seconds = clock.Elapsed.TotalSeconds;
        // The output handlers may still be draining after the exit.
        child._process.WaitForExit();
        return (child._process.ExitCode, child.Output, seconds, child.StandardOutput);
    }

    /// <summary>Waits for a line that starts with <paramref name="prefix"/> and returns the rest of it.</summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            var earlier = _output.ToString().Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            if (earlier is not null)
                return earlier[prefix.Length..].Trim();
            _lineWaiters.Add((prefix, found));
        }
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(timeout);
        var exited = _process.WaitForExitAsync(bound.Token);
        var first = await Task.WhenAny(found.Task, exited);
        if (first == found.Task)
            return await found.Task;
        throw new InvalidOperationException(_process.HasExited
            ? $"{_process.StartInfo.FileName} exited ({_process.ExitCode}) before printing \"{prefix}\": {Tail(Output)}"
            : $"{_process.StartInfo.FileName} printed no \"{prefix}\" within {timeout.TotalSeconds:0}s: {Tail(Output)}");
    }

    private void Line(string? line, bool standardOutput)
    {
        if (line is null)
            return;
        lock (_output)
        {
            _output.AppendLine(line);
            _log?.WriteLine(line);
            if (standardOutput)
                _standardOutput.AppendLine(line);
            foreach (var waiter in _lineWaiters.Where(w => line.StartsWith(w.Prefix, StringComparison.Ordinal)).ToList())
            {
                waiter.Found.TrySetResult(line[waiter.Prefix.Length..].Trim());
                _lineWaiters.Remove(waiter);
            }
        }
    }

    private static string Tail(string output) => output.Length > 600 ? "..." + output[^600..] : output;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Only our own child (a simulated cluster the bench started), by its id.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_output)
        {
            _log?.Dispose();
            _log = null;
        }
    }
}
