namespace Consultant.Grains.Abstractions;

/// <summary>
/// One per sending number, keyed "{AccountSid}/{number}" (consultants of different Twilio accounts may share the Sandbox
/// number): hands out send slots at <c>Broadcast:MessagesPerSecond</c> to every automated bulk send of that sender
/// (broadcasts, follow-ups). Conversational replies never ask it, so they keep priority. The caller waits for its slot
/// outside any conversation grain, then sends.
/// </summary>
[Alias("Consultant.ISenderPacerGrain")]
public interface ISenderPacerGrain : IGrainWithStringKey
{
    /// <summary>Reserves the next free slot and returns when it is (now or later); the caller sends at that moment.</summary>
    [Alias("TakeSlot")]
    Task<DateTimeOffset> TakeSlotAsync();
}
