using System.Globalization;
using Consultant.Grains.Abstractions;
using Consultant.Grains.FollowUps;
using Consultant.Web.Shared;
using Microsoft.Extensions.Localization;

namespace Consultant.Web.FollowUps;

/// <summary>The words the page and the chat header use for rules, delays, languages and statuses (one place for both).</summary>
public static class FollowUpWords
{
    /// <summary>
    /// The rule's name; a reminder before a consultation is named by its delay ("2 hours before a consultation"), so
    /// the name stays true when the consultant changes it.
    /// </summary>
    /// <param name="rules">The consultant's rules (their delays); the defaults' when not known.</param>
    public static string RuleName(IStringLocalizer<FollowUpsText> L, string key, FollowUpRuleSet? rules) =>
        RuleName(L, key, (rules ?? FollowUpRuleDefaults.All).Rules.FirstOrDefault(rule => rule.Key == key)?.DelayMinutes ?? 0);

    public static string RuleName(IStringLocalizer<FollowUpsText> L, string key, int delayMinutes) => key switch
    {
        FollowUpRuleKeys.Lead24h => L["Silent lead: first nudge"],
        FollowUpRuleKeys.Lead48h => L["Silent lead: second nudge"],
        FollowUpRuleKeys.Client7d => L["Quiet client: check-in"],
        FollowUpRuleKeys.AfterConsultation => L["After a consultation"],
        FollowUpRuleKeys.Before24h or FollowUpRuleKeys.Before1h => delayMinutes switch
        {
            60 => L["Hour before a consultation"],
            24 * 60 => L["Day before a consultation"],
            _ => L["{0} before a consultation", Delay(L, delayMinutes)],
        },
        _ => key,
    };

    /// <summary>"1 hour", "2 hours", "90 minutes", "1 day": in the largest unit that holds it exactly, singular for one.</summary>
    public static string Delay(IStringLocalizer<FollowUpsText> L, int minutes)
    {
        var unit = UnitOf(minutes);
        var amount = minutes / (int)unit;
        return amount == 1
            ? unit switch { DelayUnit.Minutes => L["1 minute"], DelayUnit.Hours => L["1 hour"], _ => L["1 day"] }
            : unit switch
            {
                DelayUnit.Minutes => L["{0} minutes", amount],
                DelayUnit.Hours => L["{0} hours", amount],
                _ => L["{0} days", amount],
            };
    }

    /// <summary>The largest unit that holds <paramref name="minutes"/> exactly.</summary>
    public static DelayUnit UnitOf(int minutes) =>
        minutes != 0 && minutes % (int)DelayUnit.Days == 0 ? DelayUnit.Days
        : minutes != 0 && minutes % (int)DelayUnit.Hours == 0 ? DelayUnit.Hours
        : DelayUnit.Minutes;

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

    /// <summary>The unit as it reads after <paramref name="amount"/>: "1 day", "2 days".</summary>
    public static string UnitName(IStringLocalizer<FollowUpsText> L, DelayUnit unit, int amount) => (unit, amount) switch
    {
        (DelayUnit.Minutes, 1) => L["minute"],
        (DelayUnit.Hours, 1) => L["hour"],
        (DelayUnit.Days, 1) => L["day"],
        (DelayUnit.Minutes, _) => L["minutes"],
        (DelayUnit.Hours, _) => L["hours"],
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

    /// <summary>The language inside a sentence: "(in Italian)", in Italian "(in italiano)".</summary>
    public static string InLanguage(IStringLocalizer<FollowUpsText> L, string language) => language switch
    {
        "it" => L["in Italian"],
        "en" => L["in English"],
        "es" => L["in Spanish"],
        "fr" => L["in French"],
        _ => language,
    };

    /// <summary>Where a follow-up stands; a sent one that got an answer says so.</summary>
    public static string Status(IStringLocalizer<FollowUpsText> L, FollowUp followUp) => followUp.Status switch
    {
        FollowUpStatus.Pending => L["Pending"],
        FollowUpStatus.Paused when followUp.Reason == FollowUpReasons.NeedsReply => L["Paused: waiting for your reply"],
        FollowUpStatus.Paused => L["Paused: AI off"],
        FollowUpStatus.Sent when followUp.ReceivedReply => L["Replied"],
        FollowUpStatus.Sent => L["Sent"],
        FollowUpStatus.Cancelled => L["Cancelled"],
        FollowUpStatus.Skipped => L["Skipped"],
        FollowUpStatus.Failed => L["Failed"],
        var other => other,
    };

    /// <summary>
    /// "Follow-up in 23 h": how long until it is due, to the nearest unit that reads best (minutes rounded up, so never
    /// "in 0 min"); from two days on in days and hours ("in 2 d 8 h"), so 56 hours never read as 3 days.
    /// </summary>
    public static string DueIn(IStringLocalizer<FollowUpsText> L, FollowUp followUp, DateTimeOffset now)
    {
        if (followUp.Status == FollowUpStatus.Paused)
        {
            return followUp.Reason == FollowUpReasons.NeedsReply ? L["Follow-up paused: waiting for your reply"] : L["Follow-up paused: AI off"];
        }

        var left = followUp.ScheduledFor - now;
        if (left <= TimeSpan.Zero)
        {
            return L["Follow-up due now"];
        }

        if (left < TimeSpan.FromHours(1))
        {
            return L["Follow-up in {0} min", Number((int)Math.Ceiling(left.TotalMinutes))];
        }

        var hours = (int)Math.Round(left.TotalHours, MidpointRounding.AwayFromZero);
        return hours < 48 ? L["Follow-up in {0} h", Number(hours)]
            : hours % 24 == 0 ? L["Follow-up in {0} d", Number(hours / 24)]
            : L["Follow-up in {0} d {1} h", Number(hours / 24), Number(hours % 24)];
    }

    /// <summary>The follow-up's contact as the rest of the dashboard names them (<see cref="ContactDisplay"/>).</summary>
    public static string Contact(FollowUp followUp) => ContactDisplay.Name(followUp.ContactName, followUp.ContactPhone);

    /// <summary>A conversation to preview the rules for: the contact as the dashboard names them; a simulator one says so, beside real contacts.</summary>
    public static string PreviewChoice(IStringLocalizer<FollowUpsText> L, ConversationView conversation)
    {
        var name = ContactDisplay.Name(conversation.DisplayName, conversation.ContactPhone);
        return ContactDisplay.IsSimulated(conversation.ContactPhone) ? $"{name} {L["(Simulator)"]}" : name;
    }

    /// <summary>A sentence put after a colon: "the 24-hour window is closed…"; "AI…" or "STOP" keep their capitals.</summary>
    public static string LowerFirst(string sentence) =>
        sentence.Length > 1 && char.IsUpper(sentence[0]) && !char.IsUpper(sentence[1])
            ? char.ToLower(sentence[0], CultureInfo.CurrentCulture) + sentence[1..]
            : sentence;

    private static string Number(int amount) => amount.ToString(CultureInfo.CurrentCulture);
}
