namespace Consultant.Grains.Languages;

/// <summary>
/// The contact's language is sticky. It starts from the client's record when that names one, else from the phone
/// number's country; a message changes it only when the contact asks for a language or when it is long enough and
/// clearly in one language (<see cref="ContactLanguageDetector.IsClear"/>: a sentence in English wins over an Italian
/// number); once the consultant has chosen, only the consultant changes it. So "ok" or "Hello" never switch a Spanish
/// conversation to English.
/// </summary>
public static class LanguageRule
{
    /// <summary>Where a contact starts: the client's record when it names one of the four, else the number's country.</summary>
    /// <param name="clientLanguage">The client's record (null for a lead, or a client whose language is not set).</param>
    public static LanguageChoice Start(string? clientLanguage, string contactAddress) =>
        ContactLanguage.FromCode(clientLanguage) is { } recorded
            ? new LanguageChoice(recorded, LanguageSource.Client)
            : new LanguageChoice(CountryLanguage.Of(contactAddress), LanguageSource.Phone);

    /// <summary>The language in force: what a message or the consultant decided, else the start.</summary>
    public static LanguageChoice Current(LanguageChoice? decided, string? clientLanguage, string contactAddress) =>
        decided ?? Start(clientLanguage, contactAddress);

    /// <summary>
    /// What is decided after this message: <paramref name="decided"/> unchanged (null: still the start), the language
    /// the contact asked for, or the one a long message is clearly written in.
    /// </summary>
    public static LanguageChoice? AfterMessage(LanguageChoice? decided, string message, ContactLanguageDetector detector)
    {
        if (decided?.Source == LanguageSource.Consultant || string.IsNullOrWhiteSpace(message))
        {
            return decided;
        }

        if (LanguageRequests.AskedFor(message) is { } asked)
        {
            return new LanguageChoice(asked, LanguageSource.Asked);
        }

        // A first message decides even in the start's language (it then reads "from their messages"); after that only
        // another language can change anything, which is the cheaper question (DetectChange).
        var detected = decided is null ? detector.DetectConfidently(message) : detector.DetectChange(message, decided.Language);
        return detected is { } language && language != decided?.Language
            ? new LanguageChoice(language, LanguageSource.Detected)
            : decided;
    }
}
