namespace Consultant.Grains.FollowUps;

/// <summary>Why a follow-up did not go out, or moved (stored in <c>reason</c>, English; the dashboard translates).</summary>
public static class FollowUpReasons
{
    public const string ContactWrote = "The contact wrote.";
    public const string OptedOut = "The contact wrote STOP.";
    public const string LeadBooked = "The lead booked a consultation.";
    public const string NowClient = "The lead became a client.";
    public const string RuleOff = "The rule was switched off.";
    public const string CancelledByConsultant = "Cancelled by the consultant.";
    public const string BookingCancelled = "The consultation was cancelled.";
    public const string BookingStarted = "The consultation has already started.";
    public const string BookingGone = "The consultation no longer exists.";
    public const string AiOff = "The AI is off for this conversation.";
    public const string NeedsReply = "Waits for your reply: the conversation needs it, and the nudge is planned again from your answer.";
    public const string WindowClosedNoTemplate = "The 24-hour window is closed and the rule has no template.";
    public const string StoppedMarketing = "The contact stopped marketing messages (131050): no templates.";
    public const string QuietHours = "Moved out of the contact's quiet hours.";
    public const string QuietHoursUntilStart = "The contact's quiet hours last until the consultation starts.";
    public const string BeforeQuietHours = "Moved before the contact's quiet hours: after them the 24-hour window is closed and the rule has no template.";
    public const string QuietHoursUntilWindowCloses = "The contact's quiet hours last until the 24-hour window closes and the rule has no template.";
    public const string MarketingLimit = "WhatsApp's marketing limit (131049): tried again later.";
    /// <summary>Held back by the marketing limit even after the last retry: what happened and what is left to do (the number is right).</summary>
    public const string MarketingLimitGaveUp =
        "WhatsApp's marketing limit (131049) held it back again after the last retry. The number is fine: send it by hand in a few days, or once the contact writes.";
    public const string Interrupted = "Interrupted twice while sending: not tried again.";
    public const string NoConversation = "The conversation no longer exists.";
    public const string Superseded = "A later follow-up of the same silence went instead (the earlier one was overdue).";

    /// <summary>The reasons planning itself writes: a re-plan (a zone or a rule changed) may write them afresh.</summary>
    public static readonly IReadOnlyList<string> Planned = [QuietHours, BeforeQuietHours];

    /// <summary>Skipped at planning: planning again (the booking moved) may schedule it once more.</summary>
    public static readonly IReadOnlyList<string> SkippedAtPlanning = [QuietHoursUntilStart, QuietHoursUntilWindowCloses];
}
