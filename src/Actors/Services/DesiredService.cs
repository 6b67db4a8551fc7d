using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Services;

/// <summary>
/// A service's desired state reduced to hashes, as the supervisor renders it from a ConfigureService:
/// <see cref="SpecHash"/> covers every object, <see cref="ConfigHash"/> is the hash the running pods or units
/// must carry, <see cref="Files"/> maps each config and secret file to its own hash so a cause can name it.
/// </summary>
public sealed record DesiredService(
    string ServiceName,
    ServiceKind Kind,
    string SpecHash,
    string ConfigHash,
    IReadOnlyDictionary<string, string> Files,
    IReadOnlyList<string> ExpectedNodes,
    IReadOnlyList<string> WaitingFor,
    DateTimeOffset At);
