using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;
using Orchestrator.Messages;
using Orchestrator.Messages.Deployments;

namespace Orchestrator.Actors.Serialization;

/// <summary>
/// The wire format of every message that crosses cluster members: UTF-8 JSON under the stable manifest of
/// <see cref="MessageManifests"/>. A <see cref="DeploymentEnvelope"/> carries its message with that message's own
/// manifest. Bound to <see cref="IClusterMessage"/> in akka.hocon.
/// </summary>
public sealed class MessageSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Akka's serializer id of this format; members of every build must agree on it.</summary>
    public const int Id = 4712;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new KubernetesObjectConverter() },
    };

    public override int Identifier => Id;

    public override string Manifest(object o) =>
        MessageManifests.ByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new SerializationException($"{o.GetType().Name} has no message manifest: it cannot cross cluster members");

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(ToJson(obj), Options);

    public override object FromBinary(byte[] bytes, string manifest) =>
        FromJson(JsonNode.Parse(bytes) ?? throw new SerializationException($"empty {manifest} message"), manifest);

    private JsonNode ToJson(object message)
    {
        if (message is not DeploymentEnvelope envelope)
            return JsonSerializer.SerializeToNode(message, message.GetType(), Options)!;
        return new JsonObject
        {
            ["deployment"] = JsonSerializer.SerializeToNode(envelope.Deployment, Options),
            ["manifest"] = Manifest(envelope.Message),
            ["message"] = ToJson(envelope.Message),
        };
    }

    private object FromJson(JsonNode json, string manifest)
    {
        if (!MessageManifests.ByManifest.TryGetValue(manifest, out var type))
            throw new SerializationException($"unknown message manifest {manifest} (a member of a newer build?)");
        if (type != typeof(DeploymentEnvelope))
            return json.Deserialize(type, Options) ?? throw new SerializationException($"empty {manifest} message");
        var deployment = json["deployment"].Deserialize<DeploymentKey>(Options) ?? throw new SerializationException("envelope without deployment");
        var inner = json["manifest"]?.GetValue<string>() ?? throw new SerializationException("envelope without manifest");
        var message = json["message"] ?? throw new SerializationException("envelope without message");
        return new DeploymentEnvelope(deployment, (IClusterMessage)FromJson(message, inner));
    }
}
