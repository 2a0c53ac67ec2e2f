namespace Consultant.Web.FollowUps;

/// <summary>One template variable's value as typed (a class, so its text box edits it in place).</summary>
public sealed class TemplateVariable
{
    public string? Value { get; set; }
}
