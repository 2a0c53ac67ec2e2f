using Consultant.Grains.Hooks;

namespace Consultant.Grains.FollowUps;

/// <summary>
/// WhatsApp refuses marketing messages after the send, in a status: 131049 (Twilio may say 63049), the per-user
/// marketing limit, sends the follow-up back to wait with a growing delay (1 h, 4 h, 16 h, then it fails); 131050, the
/// contact stopped marketing messages, marks them so (no template follow-ups to them again) and fails it.
/// </summary>
public sealed class FollowUpStatusReactions(FollowUpSchedule schedule, StoppedMarketingSeam marketing, TimeProvider time)
{
    public static readonly int[] MarketingLimitCodes = [131049, 63049];
    public const int MaxRetries = 3;

    public async Task ApplyAsync(DeliveryStatusChange change)
    {
        if (change.ErrorCode is not { } code || change.Message.Direction != "outbound"
            || await schedule.FindByMessageAsync(change.ConsultantId, change.Message.Id) is not { } followUp)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (MarketingLimitCodes.Contains(code))
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
        else if (code == StoppedMarketingSeam.StoppedMarketingCode)
        {
            await marketing.MarkStoppedAsync(change.ConsultantId, change.Message.ContactPhone, now);
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
