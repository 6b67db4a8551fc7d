using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Api;

namespace Orchestrator.SimulatedCluster.Protobuf;

/// <summary>
/// Reads a request body in the Kubernetes protobuf encoding (`k8s\0` + runtime.Unknown{typeMeta, raw}),
/// which kubectl's typed commands send for built-in kinds, into the JSON object the rest of the server
/// handles. Only the messages of <see cref="ProtobufSchema"/> are known; anything else is refused with 415
/// rather than half-read.
/// </summary>
public static class ProtobufDecoder
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static readonly byte[] Magic = "k8s\0"u8.ToArray();

    public static JsonObject Decode(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(Magic))
            throw ApiException.BadRequest("the protobuf body does not start with the k8s envelope");
        var reader = new WireReader(body[Magic.Length..].ToArray());
        string apiVersion = "", kind = "";
        byte[]? raw = null;
        while (!reader.End)
        {
            var (number, wireType) = reader.Tag();
            if (number == 1 && wireType == 2)
            {
                var typeMeta = new WireReader(reader.Bytes());
                while (!typeMeta.End)
                {
                    var (n, w) = typeMeta.Tag();
                    if (n == 1 && w == 2) apiVersion = typeMeta.String();
                    else if (n == 2 && w == 2) kind = typeMeta.String();
                    else typeMeta.Skip(w);
                }
            }
            else if (number == 2 && wireType == 2)
                raw = reader.Bytes();
            else
                reader.Skip(wireType);
        }
        if (ProtobufSchema.Message(kind) is null)
            throw Unsupported($"the kind {kind}");
        var obj = ReadMessage(kind, raw ?? []);
        var result = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        foreach (var (key, value) in obj.ToList())
        {
            obj.Remove(key);
            result[key] = value;
        }
        return result;
    }

    private static JsonObject ReadMessage(string message, byte[] bytes)
    {
        var result = new JsonObject();
        if (bytes.Length == 0)
            return result;
        var fields = ProtobufSchema.Message(message) ?? throw Unsupported($"the message {message}");
        var reader = new WireReader(bytes);
        while (!reader.End)
        {
            var (number, wireType) = reader.Tag();
            if (!fields.TryGetValue(number, out var field))
            {
                // A status sent on create is discarded by the server anyway; its fields need not be known.
                if (!message.EndsWith("Status", StringComparison.Ordinal))
                    throw Unsupported($"field {number} of {message}");
                reader.Skip(wireType);
                continue;
            }
            var value = ReadValue(field, wireType, reader);
            if (field.Type.StartsWith("map<", StringComparison.Ordinal))
            {
                var map = result[field.Name] as JsonObject ?? (JsonObject)(result[field.Name] = new JsonObject());
                var (key, entry) = ((string, JsonNode?))value!;
                map[key] = entry;
            }
            else if (field.Repeated)
                (result[field.Name] as JsonArray ?? (JsonArray)(result[field.Name] = new JsonArray())).Add(value);
            else if (value is not null || field.Pointer)
                result[field.Name] = (JsonNode?)value;
            else
                result.Remove(field.Name);
        }
        return result;
    }

    private static object? ReadValue(ProtobufSchema.Field field, int wireType, WireReader reader)
    {
        var keep = field.Pointer || field.Repeated;
        switch (field.Type)
        {
            case "string":
                var text = reader.String();
                return text.Length > 0 || keep ? JsonValue.Create(text) : null;
            case "bytes":
                return JsonValue.Create(Convert.ToBase64String(reader.Bytes()));
            case "int32":
                var small = (int)(long)reader.Varint();
                return small != 0 || keep ? JsonValue.Create(small) : null;
            case "int64":
                var large = (long)reader.Varint();
                return large != 0 || keep ? JsonValue.Create(large) : null;
            case "bool":
                var flag = reader.Varint() != 0;
                return flag || keep ? JsonValue.Create(flag) : null;
            case "Time":
                return Time(reader.Bytes());
            case "Quantity":
                return Quantity(reader.Bytes());
            case "IntOrString":
                return IntOrString(reader.Bytes());
            case var map when map.StartsWith("map<", StringComparison.Ordinal):
                return MapEntry(map, reader.Bytes());
            default:
                if (wireType != 2)
                    throw Unsupported($"the encoding of {field.Name}");
                return ReadMessage(field.Type, reader.Bytes());
        }
    }

    private static (string, JsonNode?) MapEntry(string mapType, byte[] bytes)
    {
        var valueType = mapType[(mapType.IndexOf(',') + 1)..^1].Trim();
        var reader = new WireReader(bytes);
        string key = "";
        JsonNode? value = valueType == "bytes" ? JsonValue.Create("") : valueType == "string" ? JsonValue.Create("") : null;
        while (!reader.End)
        {
            var (number, wireType) = reader.Tag();
            if (number == 1) key = reader.String();
            else if (number == 2)
                value = valueType switch
                {
                    "string" => JsonValue.Create(reader.String()),
                    "bytes" => JsonValue.Create(Convert.ToBase64String(reader.Bytes())),
                    "Quantity" => Quantity(reader.Bytes()),
                    _ => throw Unsupported($"maps of {valueType}"),
                };
            else reader.Skip(wireType);
        }
        return (key, value);
    }

    private static JsonNode? Time(byte[] bytes)
    {
        var reader = new WireReader(bytes);
        long seconds = 0;
        while (!reader.End)
        {
            var (number, wireType) = reader.Tag();
            if (number == 1) seconds = (long)reader.Varint();
            else reader.Skip(wireType);
        }
        return seconds == 0 ? null : JsonValue.Create(Storage.ObjectMetadata.Timestamp(DateTimeOffset.FromUnixTimeSeconds(seconds)));
    }

    private static JsonNode? Quantity(byte[] bytes)
    {
        var reader = new WireReader(bytes);
        string? text = null;
        while (!reader.End)
        {
            var (number, wireType) = reader.Tag();
            if (number == 1) text = reader.String();
            else reader.Skip(wireType);
        }
        return text is null ? null : JsonValue.Create(text);
    }

    private static JsonNode? IntOrString(byte[] bytes)
    {
        var reader = new WireReader(bytes);
        long type = 0, number = 0;
        var text = "";
        while (!reader.End)
        {
            var (field, wireType) = reader.Tag();
            if (field == 1) type = (long)reader.Varint();
            else if (field == 2) number = (long)reader.Varint();
            else if (field == 3) text = reader.String();
            else reader.Skip(wireType);
        }
        return type == 1 ? JsonValue.Create(text) : JsonValue.Create((int)number);
    }

    private static ApiException Unsupported(string what) =>
        ApiException.UnsupportedMediaType($"{MediaType} ({what} is not read by the simulated cluster; send application/json)");
}
