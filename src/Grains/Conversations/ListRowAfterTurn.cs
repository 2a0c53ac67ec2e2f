using Consultant.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Consultant.Grains.Conversations;

/// <summary>
/// A conversation's list row written just after the grain turn that owed it (the webhook's acknowledgement, a wake),
/// not inside it: a write owed while one runs is done once more after it, so several messages arriving together
/// cost one or two writes. Runs on the grain's scheduler (a task it started), interleaving with its turns. A failed
/// write is logged and left: every owed row is written again when the burst's batch settles (and after a crash the
/// recovery sweep's wake writes it), so the list is right again within the debounce.
/// </summary>
internal sealed partial class ListRowAfterTurn(ListRowAfterTurn.IWriter writer, ILogger logger)
{
    private bool owed;
    private bool writing;

    public void Owe()
    {
        owed = true;
        if (!writing)
        {
            writing = true;
            _ = WriteWhileOwedAsync();
        }
    }

    private async Task WriteWhileOwedAsync()
    {
        await Task.Yield(); // after the current turn: its caller does not wait for the row
        AcknowledgementPath.Leave();
        try
        {
            while (owed)
            {
                owed = false;
                await writer.WriteListRowAndTellAsync();
            }
        }
        catch (Exception ex)
        {
            owed = false;
            WriteFailed(logger, ex);
        }
        finally
        {
            writing = false;
        }
    }

    /// <summary>What writes the row: the conversation grain (an interface rather than a delegate, one object less for each active conversation).</summary>
    internal interface IWriter
    {
        Task WriteListRowAndTellAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The conversation's list row could not be written after the acknowledgement; its batch's settle writes it")]
    private static partial void WriteFailed(ILogger logger, Exception exception);
}
