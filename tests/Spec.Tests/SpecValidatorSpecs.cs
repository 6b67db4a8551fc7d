using Orchestrator.Messages.Spec;
using Orchestrator.Messages.Spec.Validation;

namespace Orchestrator.Spec.Tests;

/// <summary>The validator on its own, for a deployment built in code rather than read from text.</summary>
public class SpecValidatorSpecs
{
    private static OpenStackDeployment Valid() => SpecDocument.Valid().IsValid();

    [Fact]
    public void A_valid_deployment_built_in_code_has_no_errors() => Assert.Empty(SpecValidator.Validate(Valid()));

    [Fact]
    public void A_field_of_another_kind_set_in_code_is_an_error()
    {
        var deployment = Valid();
        var services = deployment.Spec.Services.ToList();
        services[2] = services[2] with { Source = "/artifacts/keystone", Conntrack = false };
        var errors = SpecValidator.Validate(deployment with { Spec = deployment.Spec with { Services = services } });
        Assert.Equal(["spec.services[2].source", "spec.services[2].conntrack"], errors.Select(error => error.Path));
        Assert.All(errors, error => Assert.Contains("not a field of an api service", error.Reason));
    }

    [Fact]
    public void Errors_come_in_document_order_without_line_numbers()
    {
        var deployment = Valid();
        var services = deployment.Spec.Services.ToList();
        services[3] = services[3] with { Ports = ["bad"] };
        services[0] = services[0] with { Name = "Mariadb" };
        var errors = SpecValidator.Validate(deployment with
        {
            ApiVersion = "v1",
            Spec = deployment.Spec with { Domain = "localhost", Services = services },
        });
        Assert.Equal(
            ["apiVersion", "spec.domain", "spec.services[0].name", "spec.services[2].dependsOn[0]", "spec.services[3].ports[0]"],
            errors.Select(error => error.Path));
        Assert.All(errors, error => Assert.Null(error.Line));
    }
}
