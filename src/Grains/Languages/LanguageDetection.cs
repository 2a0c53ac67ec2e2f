namespace Consultant.Grains.Languages;

/// <summary>What the detector read a message as, and how sure it is (0 to 1, among the four languages).</summary>
public sealed record LanguageDetection(ContactLanguage Language, double Confidence);
