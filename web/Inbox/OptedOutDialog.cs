using Consultant.Grains.Abstractions;
using Consultant.Grains.Inbox;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Consultant.Web.Inbox;

/// <summary>The dashboard's side of <see cref="OptedOutConfirmation"/>: asks before a message by hand to a contact who wrote STOP.</summary>
internal static class OptedOutDialog
{
    /// <summary>Null when the consultant cancels; otherwise the confirmation to send with the message.</summary>
    public static async Task<bool?> AskAsync(IDialogService dialogs, IStringLocalizer<InboxText> L, ConversationView conversation)
    {
        if (!OptedOutConfirmation.IsNeeded(conversation))
        {
            return false;
        }

        var confirmed = await dialogs.ShowMessageBoxAsync(
            L["Write to a contact who opted out?"],
            L["This contact wrote STOP. WhatsApp's rules expect no further messages unless they asked for one."],
            yesText: L["Send anyway"], cancelText: L["Cancel"]);
        return confirmed == true ? true : null;
    }
}
