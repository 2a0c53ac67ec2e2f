namespace Consultant.Grains.Flows;

/// <summary>
/// The flow a consultant has before saving any: goal (Fitness / Finance buttons), tell me more, e-mail (checked, asked
/// again at most twice), "book a consultation?" (Yes → free slots to pick from; No → thanks). Starts by itself for a
/// new lead's first message until the consultant switches it off or saves their own flows. In it/en/es/fr.
/// </summary>
public static class DefaultFlow
{
    /// <summary>The same id for every consultant: it exists until the consultant saves their flows.</summary>
    public static readonly Guid Id = new("0f10f10f-0000-4000-8000-000000000017");

    public static FlowDefinition Build() => new(Id, "Onboarding", StartsForNewLeads: true, StartStepId: "goal",
    [
        new FlowStep("goal", FlowAnswerType.Choice, FlowTexts.InAll("GoalQuestion"),
            [new FlowOption("fitness", FlowTexts.InAll("GoalFitness"), "notes"), new FlowOption("finance", FlowTexts.InAll("GoalFinance"), "notes")],
            Field: FlowAnswerField.Goal),
        new FlowStep("notes", FlowAnswerType.FreeText, FlowTexts.InAll("NotesQuestion"), Next: "email", Field: FlowAnswerField.Notes),
        new FlowStep("email", FlowAnswerType.Email, FlowTexts.InAll("EmailQuestion"), Next: "book", Field: FlowAnswerField.Email),
        new FlowStep("book", FlowAnswerType.Choice, FlowTexts.InAll("BookQuestion"),
            [new FlowOption("yes", FlowTexts.InAll("Yes"), "slot"), new FlowOption("no", FlowTexts.InAll("No"))]),
        new FlowStep("slot", FlowAnswerType.Booking, FlowTexts.InAll("SlotQuestion"), Field: FlowAnswerField.Date),
    ]);
}
