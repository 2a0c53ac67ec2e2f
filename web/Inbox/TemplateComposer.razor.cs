using Consultant.Grains.Abstractions;
using Consultant.Grains.Inbox;
using Consultant.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging;
using MudBlazor;

namespace Consultant.Web.Inbox;

/// <summary>
/// Sends an approved template. One idempotency key per choice: a second press sends nothing twice; another template or
/// value is a new message.
/// </summary>
public sealed partial class TemplateComposer
{
    private MessageTemplate? template;
    private Dictionary<string, string> values = [];
    private string key = IdempotencyKey.New();
    private bool sending;

    [Inject] private ServiceMessages Messages { get; set; } = null!;

    [Inject] private ConversationService Conversations { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ILogger<TemplateComposer> Logger { get; set; } = default!;

    [Parameter, EditorRequired]
    public Guid ConsultantId { get; set; }

    [Parameter, EditorRequired]
    public ConversationView Conversation { get; set; } = default!;

    [Parameter]
    public IReadOnlyList<MessageTemplate> Templates { get; set; } = [];

    /// <summary>The message as stored, to show at once.</summary>
    [Parameter]
    public EventCallback<ChatMessageView> Sent { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private void TemplateChanged(MessageTemplate? value) => (template, key) = (value, IdempotencyKey.New());

    private void ValueChanged(string placeholder, string value) => (values[placeholder], key) = (value, IdempotencyKey.New());

    private async Task SendAsync()
    {
        if (template is null || sending)
        {
            return;
        }

        sending = true;
        try
        {
            var name = await CurrentConsultant.GetNameAsync(AuthenticationState);
            if (await OptedOutDialog.AskAsync(Dialogs, L, Conversation) is not { } confirmed)
            {
                return;
            }

            var result = await Conversations.SendTemplateAsync(ConsultantId, Conversation.Id, template.Id, values, name, confirmed, key);
            if (result.Value is { } sent)
            {
                await Sent.InvokeAsync(sent.Message);
                // Sent: the composer starts over, so the same template again is a choice, not a second press.
                (template, values, key) = (null, [], IdempotencyKey.New());
                if (sent.Problem is not null)
                {
                    Snackbar.Add(Messages.Translate(sent.Problem), Severity.Error);
                }
            }
            else
            {
                Snackbar.Add(result.NotFound ? L["This conversation is gone."] : Messages.Describe(result.Errors), Severity.Error);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "A template in conversation {ConversationId} could not be sent", Conversation.Id);
            Snackbar.Add(L["The template could not be sent. Try again in a moment."], Severity.Error);
        }
        finally
        {
            sending = false;
        }
    }
}
