using System.Resources;
using Consultant.Grains.Languages;

namespace Consultant.Grains.Flows;

/// <summary>
/// What guided flows write to contacts on their own (the default flow's questions, asking again, thanks), read from
/// Resources/FlowTexts.resx (English) and its .it, .es and .fr translations, in the culture passed.
/// </summary>
public static class FlowTexts
{
    private static readonly ResourceManager Resources = new("Consultant.Grains.Flows.Resources.FlowTexts", typeof(FlowTexts).Assembly);

    public static string Get(string name, ContactLanguage language) =>
        Resources.GetString(name, language.Culture) ?? throw new MissingManifestResourceException($"The flow text {name} is missing.");

    /// <summary>The text in each of the four languages, by code: a default flow's question or option.</summary>
    public static IReadOnlyDictionary<string, string> InAll(string name) =>
        ContactLanguage.All.ToDictionary(language => language.Code, language => Get(name, language));

    /// <summary>Asked again after an answer that is not a valid e-mail, phone or date.</summary>
    public static string AskAgain(FlowAnswerType type, ContactLanguage language) => Get(type switch
    {
        FlowAnswerType.Email => "InvalidEmail",
        FlowAnswerType.Phone => "InvalidPhone",
        _ => "InvalidDate",
    }, language);

    public static string Thanks(ContactLanguage language) => Get("Thanks", language);

    public static string ConsultantWillPropose(ContactLanguage language) => Get("ConsultantWillPropose", language);
}
