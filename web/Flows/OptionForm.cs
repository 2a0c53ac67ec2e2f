using Consultant.Grains.Flows;

namespace Consultant.Web.Flows;

/// <summary>One answer of a choice step as the editor changes it.</summary>
public sealed class OptionForm
{
    public string Id { get; set; } = string.Empty;

    public Dictionary<string, string> Labels { get; init; } = Texts.Empty();

    public string? Next { get; set; }

    /// <summary>An option added in the editor, its id not typed: the id follows its Italian text (<see cref="OptionIds"/>).</summary>
    public bool IdFromText { get; set; }

    public static OptionForm From(FlowOption option) => new() { Id = option.Id, Labels = Texts.From(option.Labels), Next = option.Next };

    public FlowOption ToOption() => new(Id.Trim(), Texts.Written(Labels), Next);
}
