namespace Orchestrator.Messages.Spec.Validation;

/// <summary>The little an image reference must be before a kubelet can even try to pull it.</summary>
internal static class ImageReferences
{
    public static string? Problem(string image)
    {
        if (string.IsNullOrWhiteSpace(image)) return "must not be empty";
        if (image.Any(char.IsWhiteSpace)) return $"'{image}' holds whitespace; an image reference has none";
        return null;
    }
}
