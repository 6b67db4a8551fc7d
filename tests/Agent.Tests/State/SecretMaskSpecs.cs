using System.Text;
using Orchestrator.Actors.Agent;

namespace Orchestrator.Agent.Tests.State;

public sealed class SecretMaskSpecs
{
    [Fact]
    public void Every_secret_value_and_each_of_its_lines_is_masked_and_config_values_are_not()
    {
        var mask = new SecretMask([
            new ConfigFile("db-password", Encoding.UTF8.GetBytes("hunter2-long\n"), Secret: true),
            new ConfigFile("key.pem", Encoding.UTF8.GetBytes("-----BEGIN-----\nAAAABBBBCCCC\n-----END-----"), Secret: true),
            new ConfigFile("nova.conf", Encoding.UTF8.GetBytes("debug = true"), Secret: false),
        ]);

        var lines = mask.Apply(["connect failed with password hunter2-long", "bad key line AAAABBBBCCCC", "debug = true"]);

        Assert.Equal(["connect failed with password ***", "bad key line ***", "debug = true"], lines);
    }
}
