namespace Consultant.Grains.Common;

/// <summary>From <see cref="Start"/> (included) to <see cref="End"/> (excluded), as instants in UTC.</summary>
public sealed record TimeRange(DateTimeOffset Start, DateTimeOffset End)
{
    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;
}
