using System.Resources;

namespace Consultant.Grains.Languages;

/// <summary>
/// What the assistant itself writes to contacts (not the AI's words), in the contact's language: read from
/// Resources/ContactTexts.resx (English) and its .it, .es and .fr translations, always in the culture passed, never
/// the thread's. A new text is a new entry in all four files and a method here.
/// </summary>
public static class ContactTexts
{
    private static readonly ResourceManager Resources =
        new("Consultant.Grains.Languages.Resources.ContactTexts", typeof(ContactTexts).Assembly);

    /// <summary>The one reply to STOP (or another opt-out word).</summary>
    public static string OptOutConfirmation(ContactLanguage language) => Get(nameof(OptOutConfirmation), language);

    /// <summary>The one reply to START after an opt-out.</summary>
    public static string OptInConfirmation(ContactLanguage language) => Get(nameof(OptInConfirmation), language);

    /// <summary>The line a free-text broadcast ends with: how to stop receiving them.</summary>
    public static string BroadcastOptOutHint(ContactLanguage language) => Get(nameof(BroadcastOptOutHint), language);

    /// <summary>The answer to a contact who asked for a person ("operatore"): the consultant answers them.</summary>
    public static string ConsultantWillAnswer(ContactLanguage language) => Get(nameof(ConsultantWillAnswer), language);

    private static string Get(string name, ContactLanguage language) =>
        Resources.GetString(name, language.Culture) ?? throw new MissingManifestResourceException($"The contact text {name} is missing.");
}
