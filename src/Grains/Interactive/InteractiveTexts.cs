using System.Resources;
using Consultant.Grains.Languages;

namespace Consultant.Grains.Interactive;

/// <summary>
/// What an interactive question adds in the contact's language: read from Resources/InteractiveTexts.resx (English)
/// and its .it, .es and .fr translations, in the culture passed.
/// </summary>
public static class InteractiveTexts
{
    private static readonly ResourceManager Resources =
        new("Consultant.Grains.Interactive.Resources.InteractiveTexts", typeof(InteractiveTexts).Assembly);

    /// <summary>The button that opens a list, when the question does not say.</summary>
    public static string ListButton(ContactLanguage language) => Get(nameof(ListButton), language);

    /// <summary>Under a numbered list: how to answer.</summary>
    public static string NumberedHint(ContactLanguage language) => Get(nameof(NumberedHint), language);

    private static string Get(string name, ContactLanguage language) =>
        Resources.GetString(name, language.Culture) ?? throw new MissingManifestResourceException($"The interactive text {name} is missing.");
}
