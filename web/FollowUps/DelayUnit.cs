namespace Consultant.Web.FollowUps;

/// <summary>A rule's delay unit on the page, as minutes (the service keeps minutes).</summary>
public enum DelayUnit
{
    Minutes = 1,
    Hours = 60,
    Days = 24 * 60,
}
