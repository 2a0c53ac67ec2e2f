using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Consultant.Grains.Inbox;
using Consultant.Grains.Languages;
using Consultant.Grains.Outbound;

namespace Consultant.Api.Inbox;

/// <summary>
/// A conversation in the list: what its grain knows plus the consultant's private tags and notes. The contact is
/// <see cref="ContactId"/>, of <see cref="ContactKind"/> "phone" (then also <see cref="ContactPhone"/>) or "bsuid" (a
/// WhatsApp user id such as US.13491208655302741918, for a contact with a username; <see cref="ContactPhone"/> null).
/// <see cref="Language"/> is the contact's (it, en, es, fr), <see cref="LanguageSource"/> why: client (their record),
/// phone (the number's country), detected (a long message), asked (the contact asked), consultant (chosen by hand).
/// </summary>
public sealed record ConversationResponse(
    Guid Id, string ContactId, string ContactKind, string? ContactPhone, string? DisplayName, bool IsLead, Guid? ClientId, bool AiEnabled, int MessageCount,
    int UnreadCount, DateTimeOffset? LastMessageAt, string? LastMessagePreview, bool NeedsReply, string? NeedsReplyReason,
    DateTimeOffset? AiOverriddenAt, string? AiOverriddenBy, DateTimeOffset? LastReadByConsultant, DateTimeOffset? LastInboundAt,
    bool OptedOut, DateTimeOffset? WindowClosesAt, IReadOnlyList<string> Tags, string? Notes, string? Language, string? LanguageSource)
{
    public static ConversationResponse From(ConversationListItem item) => From(item.Conversation, item.Tags, item.Notes, item.Language);

    public static ConversationResponse From(ConversationView c, IReadOnlyList<string> tags, string? notes, LanguageChoice? language) => new(
        c.Id, c.ContactPhone, ContactAddress.KindOf(ConversationKey.ContactPhone(c.ContactPhone)),
        ContactAddress.IsBsuid(ConversationKey.ContactPhone(c.ContactPhone)) ? null : c.ContactPhone, c.DisplayName, c.IsLead, c.ClientId, c.AiEnabled, c.MessageCount, c.UnreadCount, c.LastMessageAt,
        c.LastMessagePreview, c.NeedsReply, c.NeedsReplyReason, c.AiOverriddenAt, c.AiOverriddenBy, c.LastReadByConsultant,
        c.LastInboundAt, c.OptedOut, WhatsAppWindow.ClosesAt(c), tags, notes, language?.Language.Code, language?.SourceName);
}
