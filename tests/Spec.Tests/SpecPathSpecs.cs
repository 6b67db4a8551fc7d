using Orchestrator.Messages.Spec;

namespace Orchestrator.Spec.Tests;

public class SpecPathSpecs
{
    [Theory]
    [InlineData("spec.services[3].port", "spec.services[3]")]
    [InlineData("spec.services[3]", "spec.services")]
    [InlineData("spec.services[2].config[\"a.b/c[1]\"]", "spec.services[2].config")]
    [InlineData("apiVersion", null)]
    public void The_parent_of_a_path_is_one_segment_up_even_when_a_key_holds_dots_and_brackets(string path, string? parent) =>
        Assert.Equal(parent, SpecPath.Parent(path));

    [Fact]
    public void Indices_order_by_number_and_fields_by_their_place_in_the_document()
    {
        string[] paths = ["spec.services[10].name", "spec.nodes[0].name", "spec.services[2].port", "spec.services[2].name", "kind", "apiVersion"];
        Assert.Equal(
            ["apiVersion", "kind", "spec.nodes[0].name", "spec.services[2].name", "spec.services[2].port", "spec.services[10].name"],
            paths.Order(SpecPathOrder.Instance));
    }
}
