namespace Consultant.Grains.Languages;

/// <summary>A contact's language and why it is that one.</summary>
public sealed record LanguageChoice(ContactLanguage Language, LanguageSource Source)
{
    /// <summary>As stored and shown in the API: "client", "phone", "detected", "asked", "consultant".</summary>
    public string SourceName => SourceNameOf(Source);

    public static string SourceNameOf(LanguageSource source) => source.ToString().ToLowerInvariant();

    /// <summary>A stored pair read back; null when either is not one we write (a row from a newer version, say).</summary>
    public static LanguageChoice? FromStored(string? language, string? source) =>
        ContactLanguage.FromCode(language) is { } found && Enum.TryParse<LanguageSource>(source, ignoreCase: true, out var why)
            && Enum.IsDefined(why)
            ? new LanguageChoice(found, why)
            : null;
}
