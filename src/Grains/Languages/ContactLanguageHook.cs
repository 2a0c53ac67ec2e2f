using Consultant.Grains.Hooks;

namespace Consultant.Grains.Languages;

/// <summary>
/// Each stored inbound message may change the contact's language (<see cref="LanguageRule.AfterMessage"/>); only a
/// change is written. Runs before the burst is answered, so the reply and its system texts use the new language.
/// </summary>
public sealed class ContactLanguageHook(ContactLanguageStore store, ContactLanguageDetector detector) : IConversationHook
{
    public async Task MessageStoredAsync(StoredInboundMessage message, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(message.ConsultantId, message.Phone);
        if (LanguageRule.AfterMessage(stored, message.Body, detector) is { } changed && changed != stored)
        {
            await store.SetAsync(message.ConsultantId, message.Phone, changed);
        }
    }
}
