namespace Consultant.Grains.Booking;

/// <summary>Days off (holidays): the consultant's local dates <see cref="From"/> to <see cref="To"/>, both included.</summary>
public sealed record BlockedPeriod(DateOnly From, DateOnly To, string? Note)
{
    public bool Contains(DateOnly date) => date >= From && date <= To;
}
