using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Consultant.Grains.Languages;

namespace Consultant.Grains.Inbox;

/// <summary>
/// The consultant chooses the contact's language (the chat header, or the API): from then on only the consultant
/// changes it, whatever the contact writes. Null returns it to automatic (<see cref="LanguageRule"/>). Every open
/// dashboard is told at once.
/// </summary>
public sealed class ConversationLanguages(ConversationRepository conversations, ContactLanguageStore store, IGrainFactory grains)
{
    /// <param name="language">it, en, es or fr; null or empty: automatic again.</param>
    public async Task<Result<ConversationListItem>> SetAsync(Guid consultantId, Guid conversationId, string? language)
    {
        if (await conversations.FindAsync(consultantId, conversationId) is not { } found)
        {
            return Problem.NotFound();
        }

        var chosen = ContactLanguage.FromCode(language);
        if (chosen is null && !string.IsNullOrWhiteSpace(language))
        {
            return Problem.Invalid("language", $"The contact's language is {ContactLanguage.CodesText}, or null for automatic.");
        }

        var address = found.Conversation.ContactPhone;
        if (chosen is null)
        {
            await store.ClearAsync(consultantId, address);
        }
        else
        {
            await store.SetAsync(consultantId, address, new LanguageChoice(chosen, LanguageSource.Consultant));
        }

        await grains.GetGrain<IConversationGrain>(ConversationKey.Format(consultantId, address)).ShowAgainAsync();
        return (await conversations.FindAsync(consultantId, conversationId))!;
    }
}
