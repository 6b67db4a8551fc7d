using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Akka.Actor;
using System.Runtime.Serialization;
using Akka.Serialization;

namespace Orchestrator.Actors.Serialization;

/// <summary>
/// Journal format of every event (and snapshot store format of every snapshot): UTF-8 JSON under the stable manifest
/// of <see cref="EventManifests"/> or <see cref="SnapshotManifests"/>, never a CLR type name, so that a rename or a
/// move never breaks an old journal. An event of an older manifest is upcast (<see cref="EventUpcasts"/>) when read.
/// Bound to the event interfaces and snapshot types in HOCON.
/// </summary>
public sealed class EventSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Akka's serializer id of this format; fixed forever once a journal holds it.</summary>
    public const int Id = 4711;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public override int Identifier => Id;

    public override string Manifest(object o) =>
        EventManifests.ByType.TryGetValue(o.GetType(), out var manifest) || SnapshotManifests.ByType.TryGetValue(o.GetType(), out manifest)
            ? manifest
            : throw new SerializationException($"{o.GetType().Name} has no journal manifest");

    public override byte[] ToBinary(object obj)
    {
        Manifest(obj);
        return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (EventUpcasts.ByManifest.ContainsKey(manifest))
        {
            var json = JsonNode.Parse(bytes)?.AsObject() ?? throw new SerializationException($"empty {manifest} event");
            var (current, upcast) = EventUpcasts.ToCurrent(manifest, json);
            return Read(upcast.Deserialize(Type(current), Options), current);
        }
        return Read(JsonSerializer.Deserialize(bytes, Type(manifest), Options), manifest);
    }

    private static Type Type(string manifest) =>
        EventManifests.ByManifest.TryGetValue(manifest, out var type) || SnapshotManifests.ByManifest.TryGetValue(manifest, out type)
            ? type
            : throw new SerializationException(EventManifests.IsNewer(manifest)
                ? $"journal manifest {manifest} is newer than this orchestrator reads (v{EventManifests.KnownVersion(EventManifests.Parse(manifest).Name)})"
                : $"unknown journal manifest {manifest}");

    private static object Read(object? value, string manifest) => value ?? throw new SerializationException($"empty {manifest} event");
}
