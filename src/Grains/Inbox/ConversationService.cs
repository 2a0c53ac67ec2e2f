using Consultant.Grains.Abstractions;
using Consultant.Grains.Accounts;
using Consultant.Grains.Common;
using Consultant.Grains.Interactive;
using Consultant.Grains.Media;
using Consultant.Grains.Messages;
using Consultant.Grains.Outbound;
using Consultant.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Inbox;

/// <summary>
/// What the dashboard and the API do with conversations, always scoped to the signed-in consultant: a conversation
/// id that is not theirs is simply not found.
/// </summary>
public sealed class ConversationService(
    ConversationRepository conversations, MessageQueries messages, MessageTemplates templates, ChatMessageViews views,
    IMediaStore mediaStore, IOptions<MediaOptions> mediaOptions, IOptions<WhatsAppOptions> whatsAppOptions, IdempotentSends idempotency,
    AccountSettingsService accountSettings, IGrainFactory grains, TimeProvider time)
{
    public const int MaxMessageLength = 4096;
    public const int MaxTags = 20;
    public const int MaxTagLength = 32;
    public const int MaxNotesLength = 4000;
    private const int MaxPageSize = 200;
    private const int MaxPage = 100_000;

    /// <param name="period">For the filters about a time (new leads, active, failed); see <c>AccountSettingsService.GetRangeAsync</c>.</param>
    public Task<ConversationPage> ListAsync(
        Guid consultantId, ConversationFilter filter, string? search, int page, int pageSize, TimeRange? period = null) =>
        conversations.ListAsync(consultantId, filter, search, Math.Clamp(page, 1, MaxPage), Math.Clamp(pageSize, 1, MaxPageSize), period);

    public Task<ConversationListItem?> GetAsync(Guid consultantId, Guid conversationId) =>
        conversations.FindAsync(consultantId, conversationId);

    /// <summary>Newest first; pass the last id of a page as <paramref name="before"/> for the older ones.</summary>
    public async Task<MessagePage?> GetMessagesAsync(Guid consultantId, Guid conversationId, Guid? before, int limit)
    {
        if (await conversations.FindAsync(consultantId, conversationId) is not { } conversation)
        {
            return null;
        }

        limit = Math.Clamp(limit, 1, MaxPageSize);
        var items = await views.WithMediaAsync(consultantId, await messages.PageAsync(consultantId, conversation.Conversation.ContactPhone, before, limit));
        return new MessagePage(items, items.Count == limit ? items[^1].Id : null);
    }

    /// <summary>Messages that could not be sent or delivered in the last week, for the dashboard's alert.</summary>
    public Task<IReadOnlyList<ChatMessageView>> ListFailedAsync(Guid consultantId) => messages.ListFailedAsync(consultantId, days: 7, limit: 50);

    /// <summary>Who these conversations are with, by name (profile or client), for those whose name is known.</summary>
    public Task<IReadOnlyDictionary<Guid, string>> ContactNamesAsync(Guid consultantId, IReadOnlyCollection<Guid> conversationIds) =>
        conversations.DisplayNamesAsync(consultantId, conversationIds);

    /// <param name="attachment">A file sent with the text (the text may then be empty: it is the caption).</param>
    /// <param name="idempotencyKey">With a key, the same key again sends nothing and answers as the first time (<see cref="IdempotentSends"/>).</param>
    public Task<Result<ConsultantSendResult>> SendAsync(
        Guid consultantId, Guid conversationId, string? text, string consultantName, bool confirmOptedOut = false, AttachmentUpload? attachment = null,
        string? idempotencyKey = null) =>
        idempotency.RunAsync(
            consultantId, idempotencyKey,
            new
            {
                Operation = attachment is null ? "send" : "attachment", conversationId, Text = text?.Trim() ?? string.Empty, attachment?.FileName,
                File = attachment is null ? null : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(attachment.Content)),
            },
            () => SendNowAsync(consultantId, conversationId, text, consultantName, confirmOptedOut, attachment));

    private async Task<Result<ConsultantSendResult>> SendNowAsync(
        Guid consultantId, Guid conversationId, string? text, string consultantName, bool confirmOptedOut, AttachmentUpload? attachment)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(text) && attachment is null)
        {
            errors.Add("messageText", "Write a message.");
        }
        else if (text?.Length > MaxMessageLength)
        {
            errors.Add("messageText", $"At most {MaxMessageLength} characters.");
        }

        var attachmentType = attachment is null ? null : CheckAttachment(attachment, errors);
        if (await conversations.FindAsync(consultantId, conversationId) is not { } conversation)
        {
            return Problem.NotFound();
        }

        var view = conversation.Conversation;
        if (!WhatsAppWindow.IsOpen(view, time.GetUtcNow()))
        {
            errors.Add("window", "More than 24 hours since the contact last wrote: WhatsApp only accepts an approved template now, so nothing was sent. Send one of your templates instead.");
        }
        else if (OptedOutConfirmation.Refuses(view, confirmOptedOut))
        {
            errors.Add(OptedOutConfirmation.Field, OptedOutConfirmation.Refusal);
        }

        if (attachment is not null && whatsAppOptions.Value.PublicBaseUrl is null && MessageChannel.Of(view.ContactPhone) == MessageChannel.WhatsApp)
        {
            errors.Add("file", "Twilio fetches attachments from this server: set WhatsApp:PublicBaseUrl to its public address first.");
        }

        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors);
        }

        OutboundAttachment? stored = null;
        if (attachment is not null)
        {
            var messageId = Guid.NewGuid();
            var fileName = FileSystemMediaStore.SafeFileName(
                Path.GetExtension(attachment.FileName).Length > 0 ? attachment.FileName : attachment.FileName + MediaSniffer.Extension(attachmentType));
            var path = await mediaStore.SaveAsync(consultantId, messageId, fileName, attachment.Content, CancellationToken.None);
            stored = new OutboundAttachment(messageId, fileName, attachmentType!, attachment.Content.Length, path);
        }

        // Not the request's token: a browser that goes away must not abandon a send half done.
        return await Conversation(consultantId, conversation).SendByConsultantAsync(
            text?.Trim() ?? string.Empty, consultantName, null, stored, CancellationToken.None);
    }

    /// <summary>The attachment's type from its bytes; images, PDFs, audio and mp4 video only, within the size limits.</summary>
    private string? CheckAttachment(AttachmentUpload attachment, ValidationErrors errors)
    {
        var settings = mediaOptions.Value;
        var type = MediaSniffer.Sniff(attachment.Content.AsSpan(0, Math.Min(attachment.Content.Length, 64)));
        if (attachment.Content.Length == 0 || type is null)
        {
            errors.Add("file", "Only images (JPEG, PNG, WebP), PDFs, audio (ogg, mp3, m4a, amr) and mp4 videos can be sent.");
            return null;
        }

        var limit = MediaKind.OfMimeType(type) == MediaKind.Image ? settings.MaxImageBytes : settings.MaxFileBytes;
        if (attachment.Content.Length > limit)
        {
            errors.Add("file", MediaProblemText.TooLarge(attachment.Content.Length, limit, sending: true));
        }

        return type;
    }

    /// <summary>
    /// Sends an approved template: allowed at any time, also after the 24-hour window. Every placeholder of the
    /// template needs a value.
    /// </summary>
    public Task<Result<ConsultantSendResult>> SendTemplateAsync(
        Guid consultantId, Guid conversationId, Guid templateId, IReadOnlyDictionary<string, string>? variables, string consultantName,
        bool confirmOptedOut = false, string? idempotencyKey = null) =>
        idempotency.RunAsync(
            consultantId, idempotencyKey,
            new
            {
                Operation = "template", conversationId, templateId,
                Variables = (variables ?? new Dictionary<string, string>()).OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => new[] { v.Key, v.Value?.Trim() }),
            },
            () => SendTemplateNowAsync(consultantId, conversationId, templateId, variables, consultantName, confirmOptedOut));

    private async Task<Result<ConsultantSendResult>> SendTemplateNowAsync(
        Guid consultantId, Guid conversationId, Guid templateId, IReadOnlyDictionary<string, string>? variables, string consultantName,
        bool confirmOptedOut)
    {
        if (await conversations.FindAsync(consultantId, conversationId) is not { } conversation)
        {
            return Problem.NotFound();
        }

        var errors = new ValidationErrors();
        var template = await templates.FindAsync(consultantId, templateId);
        variables ??= new Dictionary<string, string>();
        if (template is null)
        {
            errors.Add("templateId", "No such template: add it in the WhatsApp settings first.");
        }
        else
        {
            foreach (var placeholder in template.Placeholders.Where(p => string.IsNullOrWhiteSpace(variables.GetValueOrDefault(p))))
            {
                errors.Add("variables", $"A value for {{{{{placeholder}}}}}.");
            }
        }

        if (variables.Values.Any(v => v?.Length > MessageTemplates.MaxVariableLength))
        {
            errors.Add("variables", $"Each value has at most {MessageTemplates.MaxVariableLength} characters.");
        }

        if (variables.Values.Any(v => v is not null && (v.Contains('\n') || v.Contains('\t') || v.Contains("    "))))
        {
            errors.Add("variables", "WhatsApp refuses values with line breaks, tabs or more than three spaces in a row.");
        }

        if (OptedOutConfirmation.Refuses(conversation.Conversation, confirmOptedOut))
        {
            errors.Add(OptedOutConfirmation.Field, OptedOutConfirmation.Refusal);
        }

        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors);
        }

        var values = template!.Placeholders.ToDictionary(p => p, p => variables[p].Trim());
        return await Conversation(consultantId, conversation).SendByConsultantAsync(
            template.Render(values), consultantName, new OutboundTemplate(template.ContentSid, MessageTemplate.ContentVariables(values)), null,
            CancellationToken.None);
    }

    public async Task<ConversationView?> SetAiEnabledAsync(Guid consultantId, Guid conversationId, bool enabled, string by) =>
        await conversations.FindAsync(consultantId, conversationId) is { } conversation
            ? await Conversation(consultantId, conversation).SetAiEnabledAsync(enabled, by)
            : null;

    /// <summary>The consultant dealt with the conversation another way (a call, say): "needs reply" goes. Null: not theirs.</summary>
    public async Task<ConversationView?> ClearNeedsReplyAsync(Guid consultantId, Guid conversationId) =>
        await conversations.FindAsync(consultantId, conversationId) is { } conversation
            ? await Conversation(consultantId, conversation).ClearNeedsReplyAsync()
            : null;

    public async Task<ConversationView?> MarkReadAsync(Guid consultantId, Guid conversationId) =>
        await conversations.FindAsync(consultantId, conversationId) is { } conversation
            ? await Conversation(consultantId, conversation).MarkReadAsync()
            : null;

    public async Task<Result<ConversationListItem>> SetMetadataAsync(
        Guid consultantId, Guid conversationId, IReadOnlyList<string>? tags, string? notes)
    {
        var cleanTags = (tags ?? []).Select(t => DatabaseText.Clean(t)?.Trim() ?? string.Empty).Where(t => t.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var errors = new ValidationErrors();
        if (cleanTags.Count > MaxTags)
        {
            errors.Add("tags", $"At most {MaxTags} tags.");
        }

        if (cleanTags.Any(t => t.Length > MaxTagLength))
        {
            errors.Add("tags", $"A tag has at most {MaxTagLength} characters.");
        }

        if (notes is { Length: > MaxNotesLength })
        {
            errors.Add("notes", $"At most {MaxNotesLength} characters.");
        }

        if (!errors.IsEmpty)
        {
            return await conversations.FindAsync(consultantId, conversationId) is null ? Problem.NotFound() : Problem.Invalid(errors);
        }

        var trimmedNotes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        return await conversations.SetMetadataAsync(consultantId, conversationId, cleanTags, trimmedNotes)
            && await conversations.FindAsync(consultantId, conversationId) is { } item
            ? item
            : Problem.NotFound();
    }

    /// <summary>
    /// A message written in the simulator as <paramref name="phone"/>: it enters the pipeline exactly as Twilio's
    /// would (debounce, recognition, AI and events) in the simulator's own conversation for that phone; only the
    /// transport differs. A number without "+" is one of the consultant's default country, as for a client.
    /// </summary>
    /// <param name="buttonPayload">A tap on an option of an interactive question: its payload, sent as Twilio's ButtonPayload would be.</param>
    public async Task<Result<ChatMessageView>> SimulateInboundAsync(
        Guid consultantId, string? phone, string? text, string? profileName, string? buttonPayload = null)
    {
        var errors = new ValidationErrors();
        var defaultCountry = await accountSettings.GetDefaultCountryAsync(consultantId);
        var contact = string.Empty;
        if (string.IsNullOrWhiteSpace(phone))
        {
            errors.Add("phone", $"The lead's number is required. {PhoneNumberNormalizer.FormatHintFor(defaultCountry)}");
        }
        else if (!PhoneNumberNormalizer.TryNormalize(phone, out contact, defaultCountry))
        {
            errors.Add("phone", $"'{phone.Trim()}' is not a valid phone number. {PhoneNumberNormalizer.FormatHintFor(defaultCountry)}");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add("text", "Write a message.");
        }
        else if (text.Length > MaxMessageLength)
        {
            errors.Add("text", $"At most {MaxMessageLength} characters.");
        }

        if (buttonPayload is { Length: > InteractiveLimits.MaxIdLength })
        {
            errors.Add("buttonPayload", $"At most {InteractiveLimits.MaxIdLength} characters.");
        }

        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors);
        }

        var sid = "SIM" + Guid.NewGuid().ToString("N");
        var grain = grains.GetGrain<IConversationGrain>(ConversationKey.Format(consultantId, ConversationKey.Simulated(contact)));
        await grain.ReceiveAsync(new InboundWhatsAppMessage(
            sid, contact, string.Empty, text!.Trim(), 0, string.IsNullOrWhiteSpace(profileName) ? null : profileName.Trim(), null,
            time.GetUtcNow(), MessageSource.Simulator) { ButtonPayload = string.IsNullOrWhiteSpace(buttonPayload) ? null : buttonPayload });
        return await messages.FindViewBySidAsync(consultantId, sid) is { } stored ? stored : Problem.NotFound();
    }

    private IConversationGrain Conversation(Guid consultantId, ConversationListItem conversation) =>
        grains.GetGrain<IConversationGrain>(ConversationKey.Format(consultantId, conversation.Conversation.ContactPhone));
}
