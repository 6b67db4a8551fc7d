using Orchestrator.Messages.Spec;

namespace Orchestrator.Messages.Services;

/// <summary>
/// What happened to a service, persisted in its journal. Each event records its cause: the observed difference
/// that decided it. Hashes and names only, never a secret's value.
/// </summary>
public interface IServiceEvent : IWithServiceName
{
    string Cause { get; }
    DateTimeOffset At { get; }
}

/// <summary>
/// The desired objects of the service changed (or were seen for the first time). <see cref="Files"/> maps each
/// config and secret file name to the hash of its content, so a later change can name the file that moved.
/// </summary>
public sealed record ServiceSpecChanged(
    string ServiceName,
    ServiceKind Kind,
    string SpecHash,
    string ConfigHash,
    IReadOnlyDictionary<string, string> Files,
    IReadOnlyList<string> ExpectedNodes,
    string Cause,
    DateTimeOffset At) : IServiceEvent;

public sealed record ServiceWaitingForDependencies(
    string ServiceName,
    IReadOnlyList<string> WaitingFor,
    string Cause,
    DateTimeOffset At) : IServiceEvent;

public sealed record ServiceApplyStarted(string ServiceName, string SpecHash, string Cause, DateTimeOffset At) : IServiceEvent;

/// <summary>Every object of the service is as rendered; <see cref="Writes"/> of them had to be written.</summary>
public sealed record ServiceObjectsApplied(string ServiceName, string SpecHash, int Writes, string Cause, DateTimeOffset At) : IServiceEvent;

public sealed record ServiceBecameReady(string ServiceName, string Cause, DateTimeOffset At) : IServiceEvent;

/// <summary>Back to rolling out: the observed workload does not run the current hash on every replica yet.</summary>
public sealed record ServiceRollingOut(string ServiceName, string Cause, DateTimeOffset At) : IServiceEvent;

public sealed record ServiceDegraded(string ServiceName, string Reason, string Cause, DateTimeOffset At) : IServiceEvent;

/// <summary>The API refused the service's objects for good (an invalid object); retrying cannot help.</summary>
public sealed record ServiceFailed(string ServiceName, string Reason, string Cause, DateTimeOffset At) : IServiceEvent;
