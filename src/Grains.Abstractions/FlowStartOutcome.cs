namespace Consultant.Grains.Abstractions;

/// <summary>What became of starting a guided flow by hand.</summary>
public enum FlowStartOutcome
{
    /// <summary>The first question went out; the flow waits for its answer.</summary>
    Started,

    /// <summary>No flow of the consultant has that id.</summary>
    FlowNotFound,

    /// <summary>The contact wrote STOP: nothing sent.</summary>
    OptedOut,

    /// <summary>The 24-hour window is closed: a question cannot go without a template.</summary>
    OutsideWindow,

    /// <summary>The first question could not be sent (WhatsApp not configured, Twilio refused it).</summary>
    Failed,
}
