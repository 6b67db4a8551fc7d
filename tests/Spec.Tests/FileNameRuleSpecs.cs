namespace Orchestrator.Spec.Tests;

public class FileNameRuleSpecs
{
    [Theory]
    [InlineData("a/b", "holds a '/'")]
    [InlineData("../keystone.conf", "holds a '/'")]
    [InlineData("..", "is not a file name")]
    [InlineData(".", "is not a file name")]
    [InlineData("", "must not be empty")]
    [InlineData("keystone conf", "only letters, digits")]
    [InlineData("keystone:conf", "only letters, digits")]
    public void Config_keys_are_plain_file_names(string name, string reason)
    {
        var document = SpecDocument.Valid();
        ((Dictionary<string, object?>)document.Service(2)["config"]!)[name] = "[DEFAULT]\n";
        document.FailsWithOnly($"spec.services[2].config[\"{name}\"]", reason);
    }

    [Fact]
    public void A_config_key_is_at_most_253_characters()
    {
        var document = SpecDocument.Valid();
        var name = new string('k', 254);
        ((Dictionary<string, object?>)document.Service(2)["config"]!)[name] = "";
        document.FailsWithOnly($"spec.services[2].config[\"{name}\"]", "at most 253");
    }

    [Fact]
    public void Secret_keys_are_plain_file_names()
    {
        var document = SpecDocument.Valid();
        ((Dictionary<string, object?>)document.Service(2)["secrets"]!)["db/password"] = "hunter2";
        document.FailsWithOnly("spec.services[2].secrets[\"db/password\"]", "holds a '/'");
    }

    [Fact]
    public void A_name_is_either_a_config_file_or_a_secret_file_because_both_land_in_etc()
    {
        var document = SpecDocument.Valid();
        ((Dictionary<string, object?>)document.Service(2)["secrets"]!)["keystone.conf"] = "hunter2";
        document.FailsWithOnly("spec.services[2].secrets[\"keystone.conf\"]",
            "'keystone.conf' is also a config file; both would be written to /etc/keystone/");
    }

    [Fact]
    public void Quotes_in_a_key_are_escaped_in_its_path()
    {
        var document = SpecDocument.Valid();
        ((Dictionary<string, object?>)document.Service(2)["config"]!)["a\"b"] = "";
        document.FailsWithOnly("spec.services[2].config[\"a\\\"b\"]", "only letters, digits");
    }
}
