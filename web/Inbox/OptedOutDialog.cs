using Consultant.Grains.Abstractions;
using Consultant.Grains.Inbox;
using MudBlazor;

namespace Consultant.Web.Inbox;

/// <summary>The dashboard's side of <see cref="OptedOutConfirmation"/>: asks before a message by hand to a contact who wrote STOP.</summary>
internal static class OptedOutDialog
{
    /// <summary>Null when the consultant cancels; otherwise the confirmation to send with the message.</summary>
    public static async Task<bool?> AskAsync(IDialogService dialogs, ConversationView conversation)
    {
        if (!OptedOutConfirmation.IsNeeded(conversation))
        {
            return false;
        }

        var confirmed = await dialogs.ShowMessageBoxAsync(
            OptedOutConfirmation.Question, OptedOutConfirmation.Explanation, yesText: OptedOutConfirmation.Confirm, cancelText: "Cancel");
        return confirmed == true ? true : null;
    }
}
