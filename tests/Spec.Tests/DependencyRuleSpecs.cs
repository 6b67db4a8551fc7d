namespace Orchestrator.Spec.Tests;

public class DependencyRuleSpecs
{
    [Fact]
    public void A_dependency_names_a_service_of_the_spec()
    {
        var document = SpecDocument.Valid();
        document.Service(2)["dependsOn"] = SpecDocument.List("mariadb", "memcache");
        document.FailsWithOnly("spec.services[2].dependsOn[1]", "no service named 'memcache' (did you mean 'memcached'?)");
    }

    [Fact]
    public void A_service_does_not_depend_on_itself()
    {
        var document = SpecDocument.Valid();
        document.Service(2)["dependsOn"] = SpecDocument.List("keystone");
        document.FailsWithOnly("spec.services[2].dependsOn[0]", "cannot depend on itself");
    }

    [Fact]
    public void A_dependency_is_listed_once()
    {
        var document = SpecDocument.Valid();
        document.Service(2)["dependsOn"] = SpecDocument.List("mariadb", "memcached", "mariadb");
        document.FailsWithOnly("spec.services[2].dependsOn[2]", "'mariadb' is listed twice");
    }

    [Fact]
    public void A_cycle_of_two_is_named_whole()
    {
        var document = SpecDocument.Valid();
        document.Service(1)["dependsOn"] = SpecDocument.List("keystone");
        document.FailsWithOnly("spec.services[1].dependsOn[0]", "dependency cycle: memcached -> keystone -> memcached");
    }

    [Fact]
    public void A_longer_cycle_is_named_whole_once_from_its_first_service()
    {
        var document = SpecDocument.Valid();
        document.Service(0)["dependsOn"] = SpecDocument.List("nova-compute");
        document.Service(3)["dependsOn"] = SpecDocument.List("keystone");
        document.FailsWithOnly("spec.services[0].dependsOn[0]",
            "dependency cycle: mariadb -> nova-compute -> keystone -> mariadb");
    }

    [Fact]
    public void Two_separate_cycles_are_both_reported()
    {
        var document = SpecDocument.Valid();
        document.Service(0)["dependsOn"] = SpecDocument.List("nova-compute");
        document.Service(3)["dependsOn"] = SpecDocument.List("mariadb");
        document.Service(1)["dependsOn"] = SpecDocument.List("keystone");
        var result = document.Load();
        Assert.Null(result.Deployment);
        Assert.Equal(
            ["spec.services[0].dependsOn[0]: dependency cycle: mariadb -> nova-compute -> mariadb",
             "spec.services[1].dependsOn[0]: dependency cycle: memcached -> keystone -> memcached"],
            result.Errors.Select(error => $"{error.Path}: {error.Reason}"));
    }

    [Fact]
    public void A_shared_dependency_is_not_a_cycle()
    {
        var document = SpecDocument.Valid();
        document.Service(3)["dependsOn"] = SpecDocument.List("keystone", "mariadb");
        document.Service(1)["dependsOn"] = SpecDocument.List("mariadb");
        document.IsValid();
    }
}
