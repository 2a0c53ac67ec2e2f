using Consultant.Grains.Hooks;
using Consultant.Grains.Messages;
using Microsoft.Extensions.Logging;

namespace Consultant.Grains.Conversations;

/// <summary>
/// A conversation taking back what the table holds and its state does not (a silo died after an acknowledgement, a
/// receive failed after storing its row): woken by the recovery sweep, at activation and before a batch.
/// </summary>
public sealed partial class ConversationGrain
{
    public async Task WakeAsync()
    {
        if (loop.Answering)
        {
            return;
        }

        // Messages the table says are owed a reply but this state does not hold (its write failed after the insert,
        // or with the table as the buffer it was never written); the list row of a conversation owing a reply is
        // written again either way, as the one its silo owed after an acknowledgement may have died with it.
        await TakeBackFromTableAsync();
        if (State.HasWork)
        {
            afterTheTurn.OweListRow();
        }

        loop.ArmIfWorkWaits(); // activation armed it if there was work; this re-arms one lost to an error
    }

    /// <summary>
    /// Takes back from the table the messages owed a reply that the state does not hold (<see cref="ConversationState.TakeBack"/>),
    /// counted as on arrival; the list row is written again after the turn. Not written to the state here: should this
    /// activation die too, the next one takes the same messages back from the same state.
    /// </summary>
    private async Task TakeBackFromTableAsync() => await TakeBackAsync(await inbound.GetUnhandledInboundAsync(consultantId, phone));

    private async Task TakeBackAsync(IReadOnlyList<MessageRow> unhandled)
    {
        var taken = State.TakeBack(unhandled);
        if (taken.Count > 0)
        {
            if (!State.Initialized)
            {
                await IdentifyContactAsync();
            }

            Adopted(logger, taken.Count);
            if (acknowledgement.Value.HooksAfterAcknowledgement)
            {
                // Their hooks ran after the acknowledgement, if the silo that stored them lived that long: told again.
                foreach (var row in taken.Buffered)
                {
                    afterTheTurn.OweHooks(new StoredInboundMessage(
                        consultantId, phone, row.Id, row.Body, row.NumMedia, State.IsLead, row.CreatedAt, State.OptedOut));
                }
            }

            afterTheTurn.OweListRow();
        }
    }

    async Task IAnsweringConversation.TakeBackAfterFailedReceiveAsync()
    {
        if (!tableMayHoldUnbuffered)
        {
            return; // every message this activation stored is in the state: the activation took back the others
        }

        tableMayHoldUnbuffered = false; // before the read: a receive failing meanwhile sets it again
        try
        {
            await TakeBackFromTableAsync();
        }
        catch
        {
            tableMayHoldUnbuffered = true;
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adopted {Count} unanswered message(s) the conversation state did not hold")]
    private static partial void Adopted(ILogger logger, int count);
}
