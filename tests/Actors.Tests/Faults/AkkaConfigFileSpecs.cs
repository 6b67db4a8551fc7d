using Orchestrator.Hosting;

namespace Orchestrator.Actors.Tests.Faults;

/// <summary>`--akka-config` is parsed before anything starts: a file that is not HOCON is refused with the parser's reason.</summary>
public sealed class AkkaConfigFileSpecs : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-hocon-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("akka { loglevel = ")]
    [InlineData("akka { loglevel = INFO")]
    [InlineData("akka } {")]
    [InlineData("{{{ garbage")]
    [InlineData("key = [1, 2")]
    [InlineData("a = ${missing.reference}")]
    [InlineData("\0\u0001\u0002binary")]
    public void A_file_that_is_not_HOCON_is_refused_naming_the_flag(string text)
    {
        var file = Path.Combine(_folder, "akka.hocon");
        File.WriteAllText(file, text);

        var (hocon, error) = AkkaConfigFile.Read(file);

        Assert.Null(hocon);
        Assert.StartsWith($"--akka-config: {file} is not HOCON: ", error);
        Assert.DoesNotContain("\n", error!);
    }

    [Fact]
    public void The_shipped_file_is_HOCON()
    {
        var (hocon, error) = AkkaConfigFile.Read(Path.Combine(AppContext.BaseDirectory, AkkaConfigFile.FileName));

        Assert.Null(error);
        Assert.NotNull(hocon);
    }
}
