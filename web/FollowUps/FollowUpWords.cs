using System.Globalization;
using Consultant.Grains.FollowUps;
using Microsoft.Extensions.Localization;

namespace Consultant.Web.FollowUps;

/// <summary>The words the page and the chat header use for rules, delays, languages and statuses (one place for both).</summary>
public static class FollowUpWords
{
    public static string RuleName(IStringLocalizer<FollowUpsText> L, string key) => key switch
    {
        FollowUpRuleKeys.Lead24h => L["Silent lead: first nudge"],
        FollowUpRuleKeys.Lead48h => L["Silent lead: second nudge"],
        FollowUpRuleKeys.Client7d => L["Quiet client: check-in"],
        FollowUpRuleKeys.AfterConsultation => L["After a consultation"],
        FollowUpRuleKeys.Before24h => L["Day before a consultation"],
        FollowUpRuleKeys.Before1h => L["Hour before a consultation"],
        _ => key,
    };

    /// <summary>When the rule goes, and what it needs.</summary>
    public static string WhenItGoes(IStringLocalizer<FollowUpsText> L, string key) => key switch
    {
        FollowUpRuleKeys.Lead24h => L["Goes when a lead has not answered our last message for this long. Keep it under 24 h: until then WhatsApp still allows free text."],
        FollowUpRuleKeys.Lead48h => L["Goes when the lead is still silent after this long. The 24-hour window is closed by then: give a template, or it is skipped."],
        FollowUpRuleKeys.Client7d => L["Goes when a client has not written for this long. The 24-hour window is closed by then: give a template, or it is skipped."],
        FollowUpRuleKeys.AfterConsultation => L["Goes this long after a consultation ends."],
        FollowUpRuleKeys.Before24h or FollowUpRuleKeys.Before1h =>
            L["Goes this long before a booked consultation starts, with its current date, time and link."],
        _ => string.Empty,
    };

    public static string DelayLabel(IStringLocalizer<FollowUpsText> L, string key) =>
        FollowUpRuleKeys.IsBefore(key) ? L["Before the start"]
        : key == FollowUpRuleKeys.AfterConsultation ? L["After the end"]
        : L["After the silence of"];

    public static string UnitName(IStringLocalizer<FollowUpsText> L, DelayUnit unit) => unit switch
    {
        DelayUnit.Minutes => L["minutes"],
        DelayUnit.Hours => L["hours"],
        _ => L["days"],
    };

    public static string LanguageName(IStringLocalizer<FollowUpsText> L, string language) => language switch
    {
        "it" => L["Italian"],
        "en" => L["English"],
        "es" => L["Spanish"],
        "fr" => L["French"],
        _ => language,
    };

    /// <summary>Where a follow-up stands; a sent one that got an answer says so.</summary>
    public static string Status(IStringLocalizer<FollowUpsText> L, FollowUp followUp) => followUp.Status switch
    {
        FollowUpStatus.Pending => L["Pending"],
        FollowUpStatus.Paused => L["Paused: AI off"],
        FollowUpStatus.Sent when followUp.ReceivedReply => L["Replied"],
        FollowUpStatus.Sent => L["Sent"],
        FollowUpStatus.Cancelled => L["Cancelled"],
        FollowUpStatus.Skipped => L["Skipped"],
        FollowUpStatus.Failed => L["Failed"],
        var other => other,
    };

    /// <summary>"Follow-up in 23 h": how long until it is due, rounded up, in the unit that reads best.</summary>
    public static string DueIn(IStringLocalizer<FollowUpsText> L, FollowUp followUp, DateTimeOffset now)
    {
        if (followUp.Status == FollowUpStatus.Paused)
        {
            return L["Follow-up paused: AI off"];
        }

        var left = followUp.ScheduledFor - now;
        return left <= TimeSpan.Zero ? L["Follow-up due now"]
            : left < TimeSpan.FromHours(1) ? L["Follow-up in {0} min", Whole(left.TotalMinutes)]
            : left < TimeSpan.FromHours(48) ? L["Follow-up in {0} h", Whole(left.TotalHours)]
            : L["Follow-up in {0} d", Whole(left.TotalDays)];
    }

    public static string Contact(FollowUp followUp) =>
        string.IsNullOrWhiteSpace(followUp.ContactName) ? Consultant.Grains.Abstractions.ConversationKey.ContactPhone(followUp.ContactPhone) : followUp.ContactName;

    private static string Whole(double amount) => ((int)Math.Ceiling(amount)).ToString(CultureInfo.CurrentCulture);
}
