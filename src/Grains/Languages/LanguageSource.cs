namespace Consultant.Grains.Languages;

/// <summary>Why a contact's language is what it is; stored as its lower-case name.</summary>
public enum LanguageSource
{
    /// <summary>The client's record names it (set on purpose by the consultant or the CSV import).</summary>
    Client,

    /// <summary>Guessed from the phone number's country (or a WhatsApp user id's country letters).</summary>
    Phone,

    /// <summary>A long enough message was detected in it with high confidence.</summary>
    Detected,

    /// <summary>The contact asked for it ("can you write in English?").</summary>
    Asked,

    /// <summary>The consultant chose it; from then on only the consultant changes it.</summary>
    Consultant,
}
