using k8s.Models;
using Orchestrator.Actors.Deployments;
using Orchestrator.Actors.Tests.Scenarios;

namespace Orchestrator.Actors.Tests.Deployments;

/// <summary>The hashes the supervisors persist never take a secret value in as plain digest input.</summary>
public sealed class StateHashSpecs
{
    [Fact]
    public void The_coordinators_spec_hash_leaves_secret_values_out_and_sees_every_other_change()
    {
        var hash = StateHash.OfWithoutSecretValues(TestSpecs.ApiAndPinned(dbPassword: "one"));

        Assert.Equal(hash, StateHash.OfWithoutSecretValues(TestSpecs.ApiAndPinned(dbPassword: "two")));
        Assert.NotEqual(hash, StateHash.OfWithoutSecretValues(TestSpecs.ApiAndPinned(keystoneConf: "[DEFAULT]\ndebug = true\n", dbPassword: "one")));
    }

    [Fact]
    public void A_services_spec_hash_counts_a_Secret_by_its_keyed_annotation_never_by_its_data()
    {
        static V1Secret Secret(string value, string annotation) => new()
        {
            ApiVersion = "v1", Kind = "Secret",
            Metadata = new V1ObjectMeta { Name = "keystone-secrets", NamespaceProperty = "openstack", Annotations = new Dictionary<string, string> { ["h"] = annotation } },
            Data = new Dictionary<string, byte[]> { ["db-password"] = System.Text.Encoding.UTF8.GetBytes(value) },
        };

        Assert.Equal(StateHash.Of([Secret("one", "a")]), StateHash.Of([Secret("two", "a")]));
        Assert.NotEqual(StateHash.Of([Secret("one", "a")]), StateHash.Of([Secret("one", "b")]));
    }
}
