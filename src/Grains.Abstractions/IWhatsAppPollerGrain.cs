namespace Consultant.Grains.Abstractions;

/// <summary>
/// Reads new inbound messages from Twilio for a consultant in polling mode. One per consultant in the whole
/// cluster (a grain), kept alive across restarts by a reminder.
/// </summary>
[Alias("Consultant.IWhatsAppPollerGrain")]
public interface IWhatsAppPollerGrain : IGrainWithGuidKey
{
    /// <summary>Starts or stops polling; the consultant grain calls it whenever the settings are saved.</summary>
    [Alias("SetEnabled")]
    Task SetEnabledAsync(bool enabled);

    /// <summary>One poll now; returns how many new messages were handed to conversations.</summary>
    [Alias("PollNow")]
    Task<int> PollNowAsync(CancellationToken cancellationToken);
}
