using Consultant.Grains.Abstractions;
using Consultant.Grains.Inbox;
using Consultant.Grains.Media;
using Consultant.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Consultant.Web.Inbox;

/// <summary>
/// Writes a message by hand. One idempotency key per draft: sending the same draft again (a second press, Enter and a
/// click) sends nothing twice; a send that did not happen gives its draft back.
/// </summary>
public sealed partial class MessageComposer
{
    private string? draft;
    private MudTextField<string>? draftField;
    private AttachmentUpload? attachment;
    private string draftKey = IdempotencyKey.New();
    private string? draftKeyUsedFor; // the draft last sent or tried with draftKey; any other draft gets a new key
    private bool sending;

    [Inject] private ServiceMessages Messages { get; set; } = null!;

    [Inject] private ConversationService Conversations { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private IOptions<MediaOptions> MediaOptions { get; set; } = default!;
    [Inject] private ILogger<MessageComposer> Logger { get; set; } = default!;

    [Parameter, EditorRequired]
    public Guid ConsultantId { get; set; }

    [Parameter, EditorRequired]
    public ConversationView Conversation { get; set; } = default!;

    /// <summary>The message as stored, to show at once.</summary>
    [Parameter]
    public EventCallback<ChatMessageView> Sent { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private void DraftChanged(string? value)
    {
        draft = value;
        if (!string.IsNullOrWhiteSpace(value) && DraftContent(value, attachment) != draftKeyUsedFor)
        {
            draftKeyUsedFor = null; // a new draft: it gets a key of its own when sent
        }
    }

    /// <summary>What a send of this draft carries, to tell a new draft from the one already sent.</summary>
    private static string DraftContent(string? text, AttachmentUpload? file) =>
        $"{text?.Trim()}\n{file?.FileName}\n{file?.Content.Length}";

    private async Task DraftKeyAsync(KeyboardEventArgs args)
    {
        if (args is { Key: "Enter", ShiftKey: false })
        {
            await SendAsync();
        }
    }

    /// <summary>Reads the chosen file into memory (within the size limit) to send with the next message.</summary>
    private async Task AttachAsync(InputFileChangeEventArgs args)
    {
        var limit = MediaOptions.Value.MaxFileBytes;
        if (args.File.Size > limit)
        {
            Snackbar.Add(L["{0} is larger than {1} MB, the most WhatsApp takes here.", args.File.Name, limit / (1024 * 1024)], Severity.Error);
            return;
        }

        using var buffer = new MemoryStream();
        await using (var stream = args.File.OpenReadStream(limit))
        {
            await stream.CopyToAsync(buffer);
        }

        attachment = new AttachmentUpload(args.File.Name, buffer.ToArray());
        draftKeyUsedFor = null;
    }

    private void RemoveAttachment() => (attachment, draftKeyUsedFor) = (null, null);

    private async Task SendAsync()
    {
        if ((string.IsNullOrWhiteSpace(draft) && attachment is null) || sending)
        {
            return;
        }

        sending = true;
        var text = draft;
        var file = attachment;
        attachment = null;
        if (DraftContent(text, file) != draftKeyUsedFor)
        {
            (draftKey, draftKeyUsedFor) = (IdempotencyKey.New(), DraftContent(text, file));
        }

        var key = draftKey;
        try
        {
            await SetDraftAsync(null);
            var name = await CurrentConsultant.GetNameAsync(AuthenticationState);
            if (await OptedOutDialog.AskAsync(Dialogs, L, Conversation) is not { } confirmed)
            {
                await RestoreDraftAsync(text, file);
                return;
            }

            var result = await Conversations.SendAsync(ConsultantId, Conversation.Id, text, name, confirmed, file, key);
            if (result.Value is { } sent)
            {
                await Sent.InvokeAsync(sent.Message);
                if (result.Replayed)
                {
                    Snackbar.Add(L["This message was already sent."], Severity.Info);
                }
                else if (sent.Problem is not null)
                {
                    Snackbar.Add(Messages.Translate(sent.Problem), Severity.Error);
                }
            }
            else
            {
                await RestoreDraftAsync(text, file);
                Snackbar.Add(result.NotFound ? L["This conversation is gone."] : Messages.Describe(result.Errors), Severity.Error);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "A message by hand in conversation {ConversationId} could not be sent", Conversation.Id);
            await RestoreDraftAsync(text, file);
            Snackbar.Add(L["The message could not be sent. Try again in a moment."], Severity.Error);
        }
        finally
        {
            sending = false;
        }
    }

    /// <summary>
    /// Through the box itself: MudBlazor leaves a focused box's text as typed when only its value changes, so a draft
    /// cleared that way would still show (and be typed on) in the browser.
    /// </summary>
    private async Task SetDraftAsync(string? text)
    {
        draft = text;
        if (draftField is not null)
        {
            await (text is null ? draftField.ClearAsync() : draftField.SetTextAsync(text));
        }
    }

    /// <summary>A send that did not happen gives its draft back, unless a new one was started meanwhile.</summary>
    private async Task RestoreDraftAsync(string? text, AttachmentUpload? file)
    {
        if (string.IsNullOrEmpty(draft) && attachment is null)
        {
            attachment = file;
            await SetDraftAsync(text);
        }
    }
}
