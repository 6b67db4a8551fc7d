using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace Orchestrator.Actors.Agent;

/// <summary>
/// Writes the agent's events to its journal as JSON under a stable manifest per type, never a CLR type name,
/// so renaming a class never makes an old journal unreadable. A manifest, once used, is never reused.
/// </summary>
public sealed class AgentEventSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly Dictionary<string, Type> Types = new(StringComparer.Ordinal)
    {
        ["unit-install-started.v1"] = typeof(UnitInstallStarted),
        ["unit-files-installed.v1"] = typeof(UnitFilesInstalled),
        ["unit-started.v1"] = typeof(UnitStarted),
        ["unit-step-failed.v1"] = typeof(UnitStepFailed),
        ["unit-became-active.v1"] = typeof(UnitBecameActive),
        ["unit-went-down.v1"] = typeof(UnitWentDown),
        ["unit-restarted-by-systemd.v1"] = typeof(UnitRestartedBySystemd),
        ["unit-restarted-by-agent.v1"] = typeof(UnitRestartedByAgent),
        ["unit-recovered.v1"] = typeof(UnitRecovered),
        ["unit-removal-started.v1"] = typeof(UnitRemovalStarted),
        ["unit-removed.v1"] = typeof(UnitRemoved),
        ["unit-waiting-for-inputs.v1"] = typeof(UnitWaitingForInputs),
        ["host-unit-desired.v1"] = typeof(HostUnitDesired),
        ["host-unit-refused.v1"] = typeof(HostUnitRefused),
        ["host-unit-refusal-cleared.v1"] = typeof(HostUnitRefusalCleared),
        ["host-unit-removal-requested.v1"] = typeof(HostUnitRemovalRequested),
        ["host-unit-forgotten.v1"] = typeof(HostUnitForgotten),
    };

    private static readonly Dictionary<Type, string> Manifests = Types.ToDictionary(pair => pair.Value, pair => pair.Key);

    /// <summary>Unique among the serializers of the process; Akka reserves 0-100.</summary>
    public override int Identifier => 7301;

    public override string Manifest(object o) =>
        Manifests.TryGetValue(o.GetType(), out var manifest) ? manifest : throw new ArgumentException($"no manifest for {o.GetType().Name}");

    public override byte[] ToBinary(object obj) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(obj, obj.GetType(), Json));

    public override object FromBinary(byte[] bytes, string manifest) =>
        Types.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, Json)!
            : throw new System.Runtime.Serialization.SerializationException($"unknown agent event manifest \"{manifest}\"");
}
