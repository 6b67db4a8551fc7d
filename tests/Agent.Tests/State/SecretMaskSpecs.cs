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

    [Theory]
    [InlineData("auth header: Basic cDRzcyt3MHJkLyJxdW90ZWQi")]
    [InlineData("connecting to mysql://nova:p4ss%2Bw0rd%2F%22quoted%22@db/nova")]
    [InlineData("connecting to mysql://nova:p4ss%2bw0rd%2f%22quoted%22@db/nova")]
    [InlineData("config dump: {\"password\": \"p4ss+w0rd/\\\"quoted\\\"\"}")]
    [InlineData("argv: --password 'p4ss+w0rd/\"quoted\"'")]
    public void A_secret_is_masked_in_its_base64_url_encoded_and_quoted_forms_too(string line)
    {
        var mask = new SecretMask([new ConfigFile("db-password", Encoding.UTF8.GetBytes("p4ss+w0rd/\"quoted\""), Secret: true)]);

        var masked = mask.Apply(line);

        Assert.Contains(SecretMask.Mask, masked);
        Assert.DoesNotContain("p4ss", masked);
        Assert.DoesNotContain("cDRzcyt3MHJk", masked);
    }
}
