namespace GymCoach.Lambda.Deployment;

/// <summary>
/// An environment value as the template writes it: a literal, or a <c>Ref</c> to a parameter or resource of the
/// template (the bucket's generated name, a limit the stage sets), so a declaration never hard-codes what a stack decides.
/// </summary>
public sealed record TemplateValue
{
    private TemplateValue(string? literal, string? reference)
    {
        Literal = literal;
        Reference = reference;
    }

    /// <summary>The value itself, or null for a reference.</summary>
    public string? Literal { get; }

    /// <summary>The logical id the value refers to, or null for a literal.</summary>
    public string? Reference { get; }

    public static TemplateValue Of(string literal) => new(literal, null);

    public static TemplateValue Ref(string logicalId) => new(null, logicalId);
}
