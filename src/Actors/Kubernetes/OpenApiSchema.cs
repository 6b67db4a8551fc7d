using k8s.Models;

namespace Orchestrator.Actors.Kubernetes;

/// <summary>The few structural-schema shapes our CRDs are made of, so each definition reads like its YAML.</summary>
public static class OpenApiSchema
{
    public static V1JSONSchemaProps Object(IDictionary<string, V1JSONSchemaProps> properties, params string[] required) => new()
    {
        Type = "object",
        Properties = properties,
        Required = required.Length == 0 ? null : required,
    };

    public static V1JSONSchemaProps String(string description, params string[] allowed) => new()
    {
        Type = "string",
        Description = description,
        EnumProperty = allowed.Length == 0 ? null : allowed.Cast<object>().ToList(),
    };

    public static V1JSONSchemaProps Integer(string description, long? minimum = null, long? maximum = null) => new()
    {
        Type = "integer",
        Description = description,
        Minimum = minimum,
        Maximum = maximum,
    };

    public static V1JSONSchemaProps Boolean(string description) => new() { Type = "boolean", Description = description };

    public static V1JSONSchemaProps DateTime(string description) => new() { Type = "string", Format = "date-time", Description = description };

    public static V1JSONSchemaProps ArrayOf(V1JSONSchemaProps items, string? description = null) => new()
    {
        Type = "array",
        Description = description,
        Items = items,
    };

    /// <summary>A map from file name to text (config and secret files).</summary>
    public static V1JSONSchemaProps MapOfStrings(string description) => new()
    {
        Type = "object",
        Description = description,
        AdditionalProperties = new V1JSONSchemaProps { Type = "string" },
    };

    public static V1JSONSchemaProps Described(this V1JSONSchemaProps schema, string description)
    {
        schema.Description = description;
        return schema;
    }
}
