namespace Consultant.Grains.Abstractions;

/// <summary>What became of an automated message.</summary>
public enum AutomatedSendOutcome
{
    /// <summary>Twilio (or the simulator) took it; delivery statuses follow as for any message.</summary>
    Sent,

    /// <summary>Not sent and not stored: the contact wrote STOP.</summary>
    OptedOut,

    /// <summary>Not sent and not stored: the 24-hour window is closed and no approved template was given.</summary>
    OutsideWindow,

    /// <summary>Stored, tried and marked failed (WhatsApp not configured, Twilio refused it).</summary>
    Failed,
}
