using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.FollowUps;

/// <summary>
/// One pass of the engine: the tables brought up to date (<see cref="FollowUpSchedule.SyncAsync"/>), then every due
/// follow-up claimed in batches and sent, conversations in parallel, one conversation's in order. When a silence
/// outlasted several nudges (a silo was down), only the latest goes; the earlier ones are skipped. Reads the clock
/// from <see cref="TimeProvider"/>: tests run it with a fake one.
/// </summary>
public sealed partial class FollowUpSweep(
    FollowUpSchedule schedule, FollowUpRuleStore rules, FollowUpSender sender, IOptions<FollowUpOptions> options, TimeProvider time,
    ILogger<FollowUpSweep> logger)
{
    private const int BatchSize = 500;

    /// <summary>Returns how many follow-ups went out.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await schedule.SyncAsync(time.GetUtcNow());
        var sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var due = await schedule.ClaimDueAsync(time.GetUtcNow(), BatchSize);
            if (due.Count == 0)
            {
                break;
            }

            // Each consultant's rules read once a batch, when the first of their follow-ups needs them (a batch of 500 may
            // span hundreds of consultants: reading them one after another before sending held the whole batch back).
            var ruleSets = new ConcurrentDictionary<Guid, Lazy<Task<FollowUpRuleSet>>>();
            Task<FollowUpRuleSet> RulesOf(Guid consultantId) =>
                ruleSets.GetOrAdd(consultantId, id => new Lazy<Task<FollowUpRuleSet>>(() => rules.GetAsync(id))).Value;

            await Parallel.ForEachAsync(
                due.GroupBy(d => d.ConversationId),
                new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken },
                async (conversation, token) =>
                {
                    foreach (var followUp in conversation.OrderBy(d => d.ScheduledFor))
                    {
                        Interlocked.Add(ref sent, await SendOneAsync(followUp, conversation.ToList(), await RulesOf(followUp.ConsultantId), token));
                    }
                });
        }

        return sent;
    }

    private async Task<int> SendOneAsync(DueFollowUp followUp, IReadOnlyList<DueFollowUp> sameConversation, FollowUpRuleSet ruleSet, CancellationToken token)
    {
        try
        {
            var later = FollowUpRuleKeys.Silence.Contains(followUp.Rule)
                && sameConversation.Any(d => d.Anchor == followUp.Anchor && d.ScheduledFor > followUp.ScheduledFor && FollowUpRuleKeys.Silence.Contains(d.Rule));
            if (later)
            {
                await schedule.FinishAsync(followUp.Id, FollowUpStatus.Skipped, FollowUpReasons.Superseded, null, time.GetUtcNow());
                return 0;
            }

            return await sender.SendAsync(followUp, ruleSet, token) == FollowUpStatus.Sent ? 1 : 0;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Left claimed: the lease ends and the next sweep tries it once more.
            SendFailed(logger, exception, followUp.Id);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Follow-up {FollowUpId} could not be sent; it is tried again after its lease")]
    private static partial void SendFailed(ILogger logger, Exception exception, Guid followUpId);
}
