using Consultant.Grains.FollowUps;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Consultant.Web.FollowUps;

/// <summary>
/// The question before a follow-up is cancelled, from the queue or the chat header (one dialog for both). Escape keeps
/// the follow-up, as "Keep it" does: a message box closes on Escape only when asked to.
/// </summary>
public static class CancelFollowUpDialog
{
    private static readonly DialogOptions Options = new() { CloseOnEscapeKey = true };

    /// <returns>True when the consultant chose to cancel it.</returns>
    public static async Task<bool> ConfirmAsync(IDialogService dialogs, IStringLocalizer<FollowUpsText> L, FollowUp followUp) =>
        await dialogs.ShowMessageBoxAsync(
            L["Cancel this follow-up?"], L["{0} will not get it.", FollowUpWords.Contact(followUp)],
            yesText: L["Cancel the follow-up"], cancelText: L["Keep it"], options: Options) == true;
}
