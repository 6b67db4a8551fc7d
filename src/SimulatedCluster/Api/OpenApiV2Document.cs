using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>
/// The /openapi/v2 document, with no definitions. kubectl falls back to it for client-side validation when
/// the v3 documents do not name a kind (an unknown kind, a wrong apiVersion); without it kubectl fails with
/// "failed to download openapi" instead of a real cluster's "no matches for kind". A document without
/// definitions validates nothing, so the resource mapping error follows, as on a real cluster.
/// </summary>
public static class OpenApiV2Document
{
    /// <summary>kubectl asks for the gnostic protobuf encoding (openapi_v2.Document).</summary>
    public const string ProtobufMediaType = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

    /// <summary>The answer's Content-Type: Go's mime parser refuses the '@' of the requested type, so a real server answers with a dot.</summary>
    public const string ProtobufContentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    public static JsonObject Json() => new()
    {
        ["swagger"] = "2.0",
        ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = DiscoveryDocuments.KubernetesVersion },
        ["paths"] = new JsonObject(),
    };

    /// <summary>Document { swagger = 1; info = 2 { title = 1; version = 2 } } in protobuf wire format.</summary>
    public static byte[] Protobuf()
    {
        var info = Field(1, Encoding.UTF8.GetBytes("Kubernetes")).Concat(Field(2, Encoding.UTF8.GetBytes(DiscoveryDocuments.KubernetesVersion))).ToArray();
        return Field(1, Encoding.UTF8.GetBytes("2.0")).Concat(Field(2, info)).ToArray();
    }

    /// <summary>A length-delimited field (wire type 2); every length here is below 128, one varint byte.</summary>
    private static byte[] Field(int number, byte[] value)
    {
        if (value.Length >= 128)
            throw new ArgumentException($"field {number} is {value.Length} bytes, more than one varint byte holds", nameof(value));
        return [(byte)((number << 3) | 2), (byte)value.Length, .. value];
    }
}
