using Orchestrator.Messages.Spec.Validation;

namespace Orchestrator.Messages.Spec.Reading;

/// <summary>Reads one item of spec.services: its kind first, because which fields belong depends on it.</summary>
internal static class ServiceReader
{
    public static readonly IReadOnlyList<string> Fields = ServiceKindFields.All;

    private static readonly string[] KindNames = ["api", "pinned", "host"];

    public static ServiceSpec Read(YamlFields fields, SpecReading reading)
    {
        var kind = ReadKind(fields, reading);
        if (kind is { } known)
        {
            // The model cannot tell `replicas: 1` from no replicas at all, so the text is checked here too.
            foreach (var field in fields.Present)
                if (ServiceKindFields.NotAllowedReason(known, field) is { } reason)
                    reading.Error(fields.PathOf(field), reason, fields.KeyNode(field));
        }

        return new ServiceSpec(
            Name: fields.String("name", required: true) ?? "",
            // A service whose kind cannot be read is validated as nothing: its whole path is a stand-in.
            Kind: kind ?? ServiceKind.Host,
            Image: fields.String("image"),
            Replicas: fields.Int("replicas") ?? 1,
            Port: fields.Int("port"),
            DependsOn: fields.StringList("dependsOn"),
            Config: fields.StringMap("config"),
            Secrets: fields.StringMap("secrets"),
            Role: fields.String("role"),
            Source: fields.String("source"),
            Unit: fields.String("unit"),
            Conntrack: fields.Bool("conntrack") ?? true,
            Ports: fields.StringList("ports"));
    }

    private static ServiceKind? ReadKind(YamlFields fields, SpecReading reading)
    {
        if (fields.Value("kind", required: true) is not { } node)
        {
            reading.StandIn(fields.Path);
            return null;
        }
        var text = fields.Text(node, fields.PathOf("kind"));
        ServiceKind? kind = text switch
        {
            "api" => ServiceKind.Api,
            "pinned" => ServiceKind.Pinned,
            "host" => ServiceKind.Host,
            _ => null,
        };
        if (kind is null && text is not null)
            reading.Error(fields.PathOf("kind"),
                $"unknown kind '{text}'{ClosestName.Hint(text, KindNames)}; expected api, pinned or host", node);
        if (kind is null)
            reading.StandIn(fields.Path);
        return kind;
    }
}
