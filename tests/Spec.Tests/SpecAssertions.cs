using Orchestrator.Messages.Spec;

namespace Orchestrator.Spec.Tests;

/// <summary>Assertions that name the one error a test expects, so an unexpected second error fails the test too.</summary>
internal static class SpecAssertions
{
    public static SpecError FailsWithOnly(this SpecDocument document, string path, string reasonPart) =>
        SpecLoader.Parse(document.ToYaml()).FailsWithOnly(path, reasonPart);

    public static SpecError FailsWithOnly(this SpecLoadResult result, string path, string reasonPart)
    {
        Assert.Null(result.Deployment);
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(reasonPart, error.Reason);
        return error;
    }

    public static OpenStackDeployment IsValid(this SpecDocument document)
    {
        var result = document.Load();
        Assert.Empty(result.Errors.Select(error => error.ToString()));
        return Assert.IsType<OpenStackDeployment>(result.Deployment);
    }
}
