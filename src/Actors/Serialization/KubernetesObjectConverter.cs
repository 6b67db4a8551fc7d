using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using Orchestrator.Actors.Kubernetes;

namespace Orchestrator.Actors.Serialization;

/// <summary>
/// Kubernetes objects inside a message, written as the API writes them (KubernetesJson: its date, quantity and
/// int-or-string formats) and read back into their model type, found by apiVersion and kind for a list of mixed kinds.
/// </summary>
public sealed class KubernetesObjectConverter : JsonConverterFactory
{
    private static readonly IReadOnlyDictionary<(string ApiVersion, string Kind), Type> Models = typeof(V1Pod).Assembly.GetTypes()
        .Concat([typeof(HostUnitsResource), typeof(OpenStackDeploymentResource)])
        .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
        .Where(t => t.Entity is { Kind: { Length: > 0 } } && typeof(IKubernetesObject).IsAssignableFrom(t.Type))
        .GroupBy(t => (string.IsNullOrEmpty(t.Entity!.Group) ? t.Entity.ApiVersion : t.Entity.Group + "/" + t.Entity.ApiVersion, t.Entity.Kind))
        .ToDictionary(g => g.Key, g => g.First().Type);

    private static readonly MethodInfo ReadModel = typeof(KubernetesObjectConverter).GetMethod(nameof(Deserialize), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static TModel Deserialize<TModel>(string json) => KubernetesJson.Deserialize<TModel>(json);

    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert == typeof(IKubernetesObject<V1ObjectMeta>) || typeToConvert.GetCustomAttribute<KubernetesEntityAttribute>() is not null;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<T> : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var type = typeToConvert;
            if (type.IsInterface)
            {
                var root = document.RootElement;
                var key = (root.GetProperty("apiVersion").GetString() ?? "", root.GetProperty("kind").GetString() ?? "");
                type = Models.TryGetValue(key, out var model) ? model : throw new JsonException($"no model for {key.Item1} {key.Item2}");
            }
            return (T)ReadModel.MakeGenericMethod(type).Invoke(null, [document.RootElement.GetRawText()])!;
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            using var document = JsonDocument.Parse(KubernetesJson.Serialize(value));
            document.RootElement.WriteTo(writer);
        }
    }
}
