using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using System.Runtime.Serialization;
using Akka.Serialization;

namespace Orchestrator.Actors.Serialization;

/// <summary>
/// Journal format of every event: UTF-8 JSON under the stable manifest of <see cref="EventManifests"/>, never a
/// CLR type name, so that a rename or a move never breaks an old journal. Bound to the event interfaces in HOCON.
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
        EventManifests.ByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new SerializationException($"{o.GetType().Name} has no journal manifest");

    public override byte[] ToBinary(object obj)
    {
        Manifest(obj);
        return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);
    }

    public override object FromBinary(byte[] bytes, string manifest) =>
        EventManifests.ByManifest.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, Options) ?? throw new SerializationException($"empty {manifest} event")
            : throw new SerializationException($"unknown journal manifest {manifest}");
}
