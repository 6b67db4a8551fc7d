using System.Text.Json;
using Orchestrator.Cli;

namespace Orchestrator.Spec.Tests;

public sealed class ValidateCommandSpecs : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly StringWriter stdout = new();
    private readonly StringWriter stderr = new();

    public void Dispose() => folder.Dispose();

    private static string Broken()
    {
        var document = SpecDocument.Valid();
        document.Service(2)["port"] = 70000;
        document.Service(3).Remove("unit");
        return document.ToYaml();
    }

    [Fact]
    public void A_valid_spec_exits_0_with_a_one_line_summary()
    {
        var file = folder.Write("cloud.yaml", SpecDocument.Valid().ToYaml());

        var exit = ValidateCommand.Run(file, "table", stdout, stderr);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal("cloud.yaml is valid: 4 services (1 api, 1 pinned, 2 host), 3 nodes", stdout.ToString().TrimEnd());
        Assert.Empty(stderr.ToString());
    }

    [Fact]
    public void An_invalid_spec_exits_2_with_every_error_on_stderr()
    {
        var file = folder.Write("cloud.yaml", Broken());

        var exit = ValidateCommand.Run(file, "table", stdout, stderr);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Empty(stdout.ToString());
        var lines = stderr.ToString().TrimEnd().Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("spec.services[2].port: 70000 is not a port (1..65535) (line ", lines[0]);
        Assert.StartsWith("spec.services[3].unit: required for a host service (line ", lines[1]);
        Assert.Equal("cloud.yaml: 2 errors; the spec is not valid", lines[2]);
    }

    [Fact]
    public void Json_output_lists_every_error_with_path_reason_line_and_column()
    {
        var file = folder.Write("cloud.yaml", Broken());

        var exit = ValidateCommand.Run(file, "json", stdout, stderr);

        Assert.Equal(ExitCodes.BadInput, exit);
        using var json = JsonDocument.Parse(stdout.ToString());
        var errors = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal("spec.services[2].port", errors[0].GetProperty("path").GetString());
        Assert.Equal("70000 is not a port (1..65535)", errors[0].GetProperty("reason").GetString());
        Assert.True(errors[0].GetProperty("line").GetInt32() > 0);
        Assert.True(errors[0].GetProperty("column").GetInt32() > 0);
        Assert.Equal("spec.services[3].unit", errors[1].GetProperty("path").GetString());
    }

    [Fact]
    public void Json_output_of_a_valid_spec_is_an_empty_list()
    {
        var file = folder.Write("cloud.yaml", SpecDocument.Valid().ToYaml());

        var exit = ValidateCommand.Run(file, "json", stdout, stderr);

        Assert.Equal(ExitCodes.Ok, exit);
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(0, json.RootElement.GetArrayLength());
    }

    [Fact]
    public void A_missing_file_is_a_clear_error_with_exit_2()
    {
        var missing = new FileInfo(Path.Combine(folder.Path, "nowhere.yaml"));

        var exit = ValidateCommand.Run(missing, "table", stdout, stderr);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal($"{missing.FullName}: no such file", stderr.ToString().TrimEnd());
        Assert.Empty(stdout.ToString());
    }

    [Fact]
    public void A_folder_given_as_the_file_is_a_clear_error_with_exit_2()
    {
        var exit = ValidateCommand.Run(new FileInfo(folder.Path), "table", stdout, stderr);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("is a directory, not a file", stderr.ToString());
    }

    [Fact]
    public void A_missing_file_in_json_output_is_a_list_of_one_error()
    {
        var missing = new FileInfo(Path.Combine(folder.Path, "nowhere.yaml"));

        var exit = ValidateCommand.Run(missing, "json", stdout, stderr);

        Assert.Equal(ExitCodes.BadInput, exit);
        using var json = JsonDocument.Parse(stdout.ToString());
        var error = Assert.Single(json.RootElement.EnumerateArray().ToList());
        Assert.Equal("no such file", error.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("line").ValueKind);
    }

    [Fact]
    public void The_command_line_runs_validate_and_rejects_it_without_a_file()
    {
        var file = folder.Write("cloud.yaml", SpecDocument.Valid().ToYaml());
        var command = ValidateCommand.Create();

        Assert.Empty(command.Parse(["-f", file.FullName, "-o", "json"]).Errors);
        Assert.NotEmpty(command.Parse([]).Errors);
        Assert.NotEmpty(command.Parse(["-f", file.FullName, "-o", "xml"]).Errors);
    }
}
