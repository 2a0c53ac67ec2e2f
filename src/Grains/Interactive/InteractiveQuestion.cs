using Consultant.Grains.Abstractions;
using Consultant.Grains.Languages;

namespace Consultant.Grains.Interactive;

/// <summary>
/// A question a contact answers by tapping: the text and its options, in the contact's <see cref="Language"/> (the
/// Content resource's language and the fallback's words). <see cref="ListButton"/>: what the button that opens a list
/// says; null for the language's default ("Choose").
/// </summary>
public sealed record InteractiveQuestion(string Body, IReadOnlyList<InteractiveOption> Options, ContactLanguage Language, string? ListButton = null)
{
    /// <summary>How WhatsApp shows it: buttons, a list, or numbered text (<see cref="InteractiveLimits.FormatFor"/>).</summary>
    public InteractiveFormat Format => InteractiveLimits.FormatFor(Options.Count);

    public string ListButtonText => string.IsNullOrWhiteSpace(ListButton) ? InteractiveTexts.ListButton(Language) : ListButton.Trim();
}
