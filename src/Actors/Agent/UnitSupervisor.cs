using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Orchestrator.Actors.Ports;
using Orchestrator.Messages.HostUnits;

namespace Orchestrator.Actors.Agent;

/// <summary>
/// One host unit: install -> start -> watch -> restart with backoff, and removal. A thin persistent shell over
/// <see cref="UnitState"/>: every decision is persisted before its side effect runs, and one side effect runs
/// at a time, so a replay after a kill repeats at most the step that was cut short (each step is idempotent).
/// </summary>
public sealed class UnitSupervisor : ReceivePersistentActor, IWithTimers
{
    private readonly ServiceName _service;
    private readonly IHostSystem _host;
    private readonly UnitConfigReader _config;
    private readonly UnitSettings _settings;
    private readonly TimeProvider _time;
    private readonly IActorRef _reportTo;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private bool _busy;
    private SecretMask? _mask;

    /// <summary>The files installed for the running hash, as verified against it: what each look compares the host with.</summary>
    private (string Hash, IReadOnlyList<ConfigFile> Files)? _installed;

    public UnitSupervisor(string node, ServiceName service, IHostSystem host, UnitConfigReader config, UnitSettings settings, TimeProvider time, IActorRef reportTo)
    {
        _reportTo = reportTo;
        _service = service;
        _host = host;
        _config = config;
        _settings = settings;
        _time = time;
        PersistenceId = $"agent-unit-{node}-{service}";

        Recover<IUnitEvent>(e => State = State.Apply(e));
        Recover<RecoveryCompleted>(_ =>
        {
            Timers.StartPeriodicTimer("tick", UnitTick.Instance, settings.PollInterval);
            _reportTo.Tell(new UnitSupervisorStarted(service.Value));
            Report();
            Self.Tell(UnitTick.Instance);
        });

        Command<ConvergeUnit>(Handle);
        Command<RemoveUnit>(Handle);
        Command<UnitTick>(_ => Tick());
        Command<InstallFinished>(finished =>
        {
            _busy = false;
            _mask = finished.Mask ?? _mask;
            if (finished.Installed is not null && finished.Outcome is StepSucceeded { Hash: { } installedHash })
                _installed = (installedHash, finished.Installed);
            Handle(finished.Outcome);
        });
        Command<ObservationFinished>(finished =>
        {
            _busy = false;
            _mask = finished.Mask ?? _mask;
            if (finished.Installed is not null && State.RunningHash is { } running)
                _installed = (running, finished.Installed);
            if (finished.Observed is not null)
            {
                var before = State.ToStatus(_service.Value);
                Handle(finished.Observed);
                // What the look saw of a crash loop already reported is counted here, not journalled (UnitState.SeenNRestarts).
                State = State.WithObservation(finished.Observed);
                if (State.ToStatus(_service.Value) != before)
                    Report();
            }
            else
                _log.Warning("Cannot observe unit {Unit}: {Error}", _service.UnitName, finished.Error);
        });
        Command<RestartFinished>(finished =>
        {
            _busy = false;
            if (finished.Error is not null)
                _log.Warning("Restart of unit {Unit} failed: {Error}", _service.UnitName, finished.Error);
            Self.Tell(UnitTick.Instance);
        });
    }

    public override string PersistenceId { get; }

    public UnitState State { get; private set; } = UnitState.Empty;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>reportTo: the HostSupervisor (the actor's parent is a backoff supervisor between them).</summary>
    public static Props Props(string node, ServiceName service, IHostSystem host, UnitConfigReader config, UnitSettings settings, TimeProvider time, IActorRef reportTo) =>
        Akka.Actor.Props.Create(() => new UnitSupervisor(node, service, host, config, settings, time, reportTo));

    private void Handle(object command)
    {
        var events = State.Decide(command, _settings);
        if (events.Count == 0)
            return;
        PersistAll(events, e =>
        {
            State = State.Apply(e);
            _log.Info("Unit {Unit}: {Event}", _service.UnitName, e.ToString());
            if (e is UnitRestartedByAgent)
                RunRestart();
            if (e is UnitRemoved)
                _reportTo.Tell(new UnitRemovalFinished(_service.Value));
        });
        DeferAsync(events, _ =>
        {
            Report();
            Self.Tell(UnitTick.Instance); // the next step, without waiting for the timer
        });
    }

    private void Tick()
    {
        if (_busy)
            return;
        var now = _time.GetUtcNow();
        if (State.StepDue(now))
            RunStep(State.Phase, now);
        else if (State.Phase == UnitPhase.Running)
            RunObservation(now);
    }

    private void RunStep(UnitPhase phase, DateTimeOffset now)
    {
        _busy = true;
        var spec = State.Desired!;
        var wasRunning = State.RunningHash is not null;
        var step = phase switch
        {
            UnitPhase.Installing => Install(spec, now),
            UnitPhase.Starting => Start(spec, wasRunning),
            _ => Remove(spec),
        };
        step.PipeTo(Self, failure: error => new InstallFinished(new StepFailed(phase, Message(error), now), null));
    }

    private async Task<InstallFinished> Install(HostUnitSpec spec, DateTimeOffset now)
    {
        var files = await _config.ReadAsync(spec, CancellationToken.None);
        var key = await _config.ReadHashKeyAsync(spec, CancellationToken.None);
        // Only what was verified is installed and reported: files whose hashes are the ones HostUnits names.
        if (UnitInputs.WhyNotCurrent(spec, files, key) is { } reason)
            return new InstallFinished(new StepWaiting(UnitPhase.Installing, spec.Hash, reason, now), new SecretMask(files));
        await _host.InstallSourceAsync(_service, spec.Source, CancellationToken.None);
        await _host.WriteConfigurationAsync(_service, files, CancellationToken.None);
        await _host.WriteUnitFileAsync(_service, spec.Unit, CancellationToken.None);
        await _host.SetNoTrackPortsAsync(_service, spec.Conntrack ? [] : HostUnitValidation.Ports(spec), CancellationToken.None);
        // Always reload: a previous run may have written the unit file and been killed before reloading.
        await _host.DaemonReloadAsync(CancellationToken.None);
        return new InstallFinished(new StepSucceeded(UnitPhase.Installing, spec.Hash), new SecretMask(files), files);
    }

    private async Task<InstallFinished> Start(HostUnitSpec spec, bool wasRunning)
    {
        if (wasRunning)
            await _host.RestartAsync(_service, CancellationToken.None); // new files: the running process must pick them up
        await _host.EnableAndStartAsync(_service, CancellationToken.None);
        return new InstallFinished(new StepSucceeded(UnitPhase.Starting, spec.Hash), null);
    }

    private async Task<InstallFinished> Remove(HostUnitSpec spec)
    {
        await _host.StopAndDisableAsync(_service, CancellationToken.None);
        await _host.SetNoTrackPortsAsync(_service, [], CancellationToken.None);
        await _host.RemoveFilesAsync(_service, CancellationToken.None);
        await _host.DaemonReloadAsync(CancellationToken.None);
        return new InstallFinished(new StepSucceeded(UnitPhase.Removing, spec.Hash), null);
    }

    private void RunObservation(DateTimeOffset now)
    {
        _busy = true;
        var installed = _installed is { } known && known.Hash == State.RunningHash ? known.Files : null;
        Observe(State, _mask, installed, now).PipeTo(Self, failure: error => new ObservationFinished(null, null, Message(error)));
    }

    private async Task<ObservationFinished> Observe(UnitState state, SecretMask? mask, IReadOnlyList<ConfigFile>? installed, DateTimeOffset now)
    {
        var observation = await _host.ObserveAsync(_service, CancellationToken.None);
        IReadOnlyList<string> drift = [];
        if (state.Desired is { } desired && state.RunningHash == desired.Hash && observation.LoadState != "not-found")
        {
            // After a restart of the agent the installed files are gone from memory: read them again, and compare the
            // host with them only if they are still the content the running hash names (else a new hash is on its way).
            if (installed is null)
                installed = await VerifiedInputs(desired);
            if (installed is not null)
                drift = await _host.FindDriftAsync(_service, installed, desired.Unit, CancellationToken.None);
        }
        IReadOnlyList<string> tail = [];
        if (!observation.IsActive || observation.NRestarts != state.SystemdRestartBaseline)
        {
            // After a restart of the agent the mask is gone from memory: read the Secret again before any line leaves.
            mask ??= string.IsNullOrEmpty(state.Desired?.Secret)
                ? SecretMask.None
                : new SecretMask(await _config.ReadAsync(state.Desired, CancellationToken.None));
            tail = mask.Apply(await _host.JournalTailAsync(_service, _settings.JournalLines, CancellationToken.None));
        }
        return new ObservationFinished(new UnitObserved(observation, tail, now, drift), mask, null, installed);
    }

    /// <summary>The unit's files as the cluster holds them, when they are the content its hash names; null otherwise or unreadable.</summary>
    private async Task<IReadOnlyList<ConfigFile>?> VerifiedInputs(HostUnitSpec desired)
    {
        try
        {
            var files = await _config.ReadAsync(desired, CancellationToken.None);
            return UnitInputs.WhyNotCurrent(desired, files, await _config.ReadHashKeyAsync(desired, CancellationToken.None)) is null ? files : null;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Drift cannot be judged without them; the unit is still observed, and the next look reads them again.
            _log.Debug("Unit {Unit}: inputs not read for the drift check ({Error})", _service.UnitName, error.Message);
            return null;
        }
    }

    private void RunRestart()
    {
        _busy = true;
        _host.RestartAsync(_service, CancellationToken.None)
            .ContinueWith(task => new RestartFinished(task.IsFaulted ? Message(task.Exception!) : null), TaskScheduler.Default)
            .PipeTo(Self);
    }

    private void Report() => _reportTo.Tell(new UnitStatusReported(_service.Value, State.ToStatus(_service.Value)));

    /// <summary>An error for the status: the innermost message, which names paths and commands, never file content.</summary>
    private static string Message(Exception error) => (error is AggregateException aggregate ? aggregate.GetBaseException() : error).Message;
}
