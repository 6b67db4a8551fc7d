namespace Orchestrator.Messages.Spec.Validation;

/// <summary>One service at a time: its name, what its kind requires and forbids, its ports and its files.</summary>
internal static class ServiceRules
{
    /// <summary>
    /// A StatefulSet's pods carry the label controller-revision-hash=&lt;name&gt;-&lt;10-character hash&gt;, and a label
    /// value has at most 63 characters; one limit for every kind keeps a service free to change its kind.
    /// </summary>
    public const int MaxNameLength = 52;

    public static void Check(DeploymentSpec spec, List<SpecError> errors)
    {
        var firstIndexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Services.Count; i++)
        {
            var service = spec.Services[i];
            var path = SpecPath.Index("spec.services", i);
            CheckName(service, path, spec.Domain, errors);
            if (DnsNames.IsDns1035Label(service.Name) && !firstIndexByName.TryAdd(service.Name, i))
                errors.Add(new(SpecPath.Field(path, "name"),
                    $"duplicate service name '{service.Name}' (first at spec.services[{firstIndexByName[service.Name]}])"));
            CheckFieldsOfOtherKinds(service, path, errors);
            CheckRequired(service, path, errors);
            CheckValues(service, path, errors);
            CheckFiles(service, path, errors);
        }
    }

    private static void CheckName(ServiceSpec service, string path, string domain, List<SpecError> errors)
    {
        var namePath = SpecPath.Field(path, "name");
        if (!DnsNames.IsDns1035Label(service.Name))
            errors.Add(new(namePath, $"'{service.Name}' is not {DnsNames.Dns1035LabelRule} (it becomes a Service name)"));
        else if (service.Name.Length > MaxNameLength)
            errors.Add(new(namePath,
                $"'{service.Name}' is {service.Name.Length} characters; at most {MaxNameLength}, so that derived names fit " +
                "(a StatefulSet's pods carry the label controller-revision-hash=<name>-<10-character hash>, limited to 63)"));
        else if (service.Kind == ServiceKind.Api && DnsNames.DomainProblem(domain) is null &&
                 service.Name.Length + 1 + domain.Length > 253)
            errors.Add(new(namePath, $"the Ingress host '{service.Name}.{domain}' would be longer than 253 characters"));
    }

    // The model cannot tell a default from a value the author wrote; what differs from the default is checked.
    private static void CheckFieldsOfOtherKinds(ServiceSpec service, string path, List<SpecError> errors)
    {
        var given = new List<string>();
        if (service.Image is not null) given.Add("image");
        if (service.Replicas != 1) given.Add("replicas");
        if (service.Port is not null) given.Add("port");
        if (service.Role is not null) given.Add("role");
        if (service.Source is not null) given.Add("source");
        if (service.Unit is not null) given.Add("unit");
        if (!service.Conntrack) given.Add("conntrack");
        if (service.Ports.Count > 0) given.Add("ports");
        if (service.OrderedStart) given.Add("orderedStart");
        foreach (var field in given)
            if (ServiceKindFields.NotAllowedReason(service.Kind, field) is { } reason)
                errors.Add(new(SpecPath.Field(path, field), reason));
    }

    private static void CheckRequired(ServiceSpec service, string path, List<SpecError> errors)
    {
        var required = service.Kind switch
        {
            ServiceKind.Api => ["image", "port"],
            ServiceKind.Pinned => ["image"],
            _ => new[] { "role", "source", "unit" },
        };
        foreach (var field in required)
        {
            var missing = field switch
            {
                "image" => service.Image is null,
                "port" => service.Port is null,
                "role" => service.Role is null,
                "source" => service.Source is null,
                _ => service.Unit is null,
            };
            if (missing)
                errors.Add(new(SpecPath.Field(path, field),
                    $"required for {ServiceKindFields.OfKind(service.Kind)}"));
        }
    }

    private static void CheckValues(ServiceSpec service, string path, List<SpecError> errors)
    {
        if (service.Image is { } image && ImageReferences.Problem(image) is { } imageProblem)
            errors.Add(new(SpecPath.Field(path, "image"), imageProblem));
        if (service.Port is { } port && !PortEntries.IsPort(port))
            errors.Add(new(SpecPath.Field(path, "port"), $"{port} is not a port ({PortEntries.Lowest}..{PortEntries.Highest})"));
        if (service.Kind != ServiceKind.Host && service.Replicas < 1)
            errors.Add(new(SpecPath.Field(path, "replicas"), $"must be at least 1, not {service.Replicas}"));
        if (service.Kind != ServiceKind.Host) return;

        if (service.Role is { } role && RoleProblem(role) is { } roleProblem)
            errors.Add(new(SpecPath.Field(path, "role"), roleProblem));
        if (service.Source is { } source && SourceProblem(source) is { } sourceProblem)
            errors.Add(new(SpecPath.Field(path, "source"), sourceProblem));
        if (service.Unit is { } unit && SystemdUnits.Problem(unit) is { } unitProblem)
            errors.Add(new(SpecPath.Field(path, "unit"), unitProblem));
        if (!service.Conntrack && service.Ports.Count == 0)
            errors.Add(new(SpecPath.Field(path, "conntrack"),
                "false takes the service's ports out of connection tracking, so ports must list at least one"));
        for (var i = 0; i < service.Ports.Count; i++)
            if (PortEntries.Problem(service.Ports[i]) is { } portProblem)
                errors.Add(new(SpecPath.Index(SpecPath.Field(path, "ports"), i), portProblem));
    }

    private static string? RoleProblem(string role)
    {
        if (role == NodeRoles.Controller)
            return $"'{role}' is not a host role; host services run on {string.Join(", ", NodeRoles.Stateful)} " +
                   "(api and pinned services are the ones on controller nodes)";
        return NodeRoles.Stateful.Contains(role) ? null : NodeRules.UnknownRole(role, NodeRoles.Stateful);
    }

    private static string? SourceProblem(string source) => SourcePaths.Problem(source);

    private static void CheckFiles(ServiceSpec service, string path, List<SpecError> errors)
    {
        var configPath = SpecPath.Field(path, "config");
        var secretsPath = SpecPath.Field(path, "secrets");
        foreach (var name in service.Config.Keys)
            if (FileNames.Problem(name) is { } problem)
                errors.Add(new(SpecPath.Key(configPath, name), problem));
        foreach (var name in service.Secrets.Keys)
        {
            if (FileNames.Problem(name) is { } problem)
                errors.Add(new(SpecPath.Key(secretsPath, name), problem));
            else if (service.Config.ContainsKey(name))
                errors.Add(new(SpecPath.Key(secretsPath, name),
                    $"'{name}' is also a config file; both would be written to /etc/{service.Name}/"));
        }
    }
}
