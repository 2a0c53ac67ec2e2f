using Consultant.Grains.Hooks;
using Consultant.Grains.Outbound.Marketing;

namespace Consultant.Grains.FollowUps;

/// <summary>
/// WhatsApp refuses marketing messages after the send, in a status: 131049 (Twilio may say 63049), the per-user
/// marketing limit, sends the follow-up back to wait with a growing delay (1 h, 4 h, 16 h, then it fails); 131050, the
/// contact stopped marketing messages, fails it (the shared flag, <see cref="MarketingStopHook"/>, keeps template
/// follow-ups from them from then on).
/// </summary>
public sealed class FollowUpStatusReactions(FollowUpSchedule schedule, TimeProvider time)
{
    public const int MaxRetries = 3;

    public async Task ApplyAsync(DeliveryStatusChange change)
    {
        if (change.ErrorCode is not { } code || change.Message.Direction != "outbound"
            || await schedule.FindByMessageAsync(change.ConsultantId, change.Message.Id) is not { } followUp)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (MarketingErrorCodes.IsMarketingLimit(code))
        {
            if (followUp.Retries < MaxRetries)
            {
                await schedule.RetryLaterAsync(change.ConsultantId, followUp.Id, now + RetryDelay(followUp.Retries), now);
            }
            else
            {
                await schedule.MarkFailedAfterSendAsync(change.ConsultantId, followUp.Id, FollowUpReasons.MarketingLimitGaveUp, now);
            }
        }
        else if (code == MarketingErrorCodes.StoppedMarketing)
        {
            await schedule.MarkFailedAfterSendAsync(change.ConsultantId, followUp.Id, FollowUpReasons.StoppedMarketing, now);
        }
        else
        {
            await schedule.MarkFailedAfterSendAsync(change.ConsultantId, followUp.Id, change.Message.Error ?? $"Not delivered (error {code}).", now);
        }
    }

    /// <summary>1 h after the first refusal, then 4 h, then 16 h.</summary>
    public static TimeSpan RetryDelay(int retriesBefore) => TimeSpan.FromHours(Math.Pow(4, retriesBefore));
}
