using Consultant.Grains.Accounts;
using Consultant.Grains.Languages;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// The language of a free text's opt-out hint: the one the consultant wrote the broadcast in, so its last line reads as
/// the rest of the message (an Italian broadcast ended in English for a contact with a US number, or in Spanish for a
/// Spanish client). The text's language when it is read with confidence, else the consultant's own (their dashboard's
/// language). One answer for every recipient of a broadcast.
/// </summary>
public sealed class BroadcastHintLanguage(ContactLanguageDetector detector, AccountSettingsService settings)
{
    public async Task<ContactLanguage> OfAsync(Guid consultantId, Broadcast broadcast) =>
        broadcast is { MessageText: { } text, OptOutHint: true } && detector.DetectConfidently(BroadcastMessages.Fill(text, null)) is { } written
            ? written
            : ContactLanguage.FromCode((await settings.GetAsync(consultantId)).UiCulture) ?? ContactLanguage.English;
}
