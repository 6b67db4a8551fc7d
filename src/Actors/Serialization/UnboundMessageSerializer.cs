using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace Orchestrator.Actors.Serialization;

/// <summary>
/// Bound to System.Object in akka.hocon in place of Akka's reflective JSON fallback: a message of ours that would
/// cross members without a manifest of its own fails loudly, naming its type, instead of travelling in a format that
/// breaks when the type is renamed or a member of another build reads it. Akka's own messages have serializers of
/// their own and never reach this one.
/// </summary>
public sealed class UnboundMessageSerializer(ExtendedActorSystem system) : Serializer(system)
{
    public const int Id = 4713;

    public override int Identifier => Id;

    public override bool IncludeManifest => true;

    public override byte[] ToBinary(object obj) =>
        throw new SerializationException($"{obj.GetType().FullName} has no serializer of its own: a message that crosses members needs a manifest (IClusterMessage)");

    public override object FromBinary(byte[] bytes, Type type) =>
        throw new SerializationException($"{type?.FullName ?? "a message"} arrived in no format this member reads");
}
