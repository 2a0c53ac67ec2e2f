namespace Consultant.Grains.Flows;

/// <summary>How a choice step shows its options: buttons (at most 3 in a session message) or a list (at most 10).</summary>
public enum FlowChoiceDisplay
{
    Buttons,
    List,
}
