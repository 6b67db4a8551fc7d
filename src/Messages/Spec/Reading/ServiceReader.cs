using Orchestrator.Messages.Spec.Validation;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Messages.Spec.Reading;

/// <summary>Reads one item of spec.services: its kind first, because which fields belong depends on it.</summary>
internal static class ServiceReader
{
    public static readonly IReadOnlyList<string> Fields = ServiceKindFields.All;

    private static readonly string[] KindNames = ["api", "pinned", "host"];

    /// <summary>For a typo, suggest the fields of the service's kind: `prot` on a host service means `ports`.</summary>
    public static IReadOnlyList<string> HintsFor(YamlFields fields) =>
        ParseKind(fields.Peek("kind")) is { } kind
            ? Fields.Where(field => ServiceKindFields.NotAllowedReason(kind, field) is null).ToList()
            : Fields;

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
            // A service whose kind cannot be read stands in as a host service, but only the fields every
            // kind shares are validated (see ReadKind).
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
            Ports: fields.StringList("ports"),
            OrderedStart: fields.Bool("orderedStart") ?? false);
    }

    private static ServiceKind? ReadKind(YamlFields fields, SpecReading reading)
    {
        var kind = fields.Value("kind", required: true) is { } node && fields.Text(node, fields.PathOf("kind")) is { } text
            ? ParseKind(text) ?? UnknownKind(text, fields, node, reading)
            : null;
        if (kind is null)
        {
            // What a field means, and whether it may be there at all, depends on the kind: without one, only
            // the name, the dependencies and the files can be judged.
            foreach (var field in Fields.Except(ServiceKindFields.OfEveryKind))
                reading.StandIn(fields.PathOf(field));
        }
        return kind;
    }

    private static ServiceKind? UnknownKind(string text, YamlFields fields, YamlNode node, SpecReading reading)
    {
        reading.Error(fields.PathOf("kind"),
            $"unknown kind '{text}'{ClosestName.Hint(text, KindNames)}; expected api, pinned or host", node);
        return null;
    }

    /// <summary>The kind a text names, exactly as DESIGN.md spells it; anything else is no kind at all.</summary>
    private static ServiceKind? ParseKind(string? text) => text switch
    {
        "api" => ServiceKind.Api,
        "pinned" => ServiceKind.Pinned,
        "host" => ServiceKind.Host,
        _ => null,
    };
}
