using Consultant.Grains.Booking;
using Consultant.Grains.Common;
using Consultant.Web.Shared;

namespace Consultant.Web.Calendar;

/// <summary>What the panels of the Calendar page say about a refused change, beside the field at fault.</summary>
public static class ChangeFeedback
{
    /// <summary>The first message for <paramref name="field"/>, in the page's language; a missing booking (<paramref name="gone"/>) is said on the time field.</summary>
    public static string? ErrorFor<T>(Result<T> result, string field, ServiceMessages messages, string gone)
        where T : class
    {
        if (result.NotFound)
        {
            return field == "startsAt" ? gone : null;
        }

        return result.Errors.ToDictionary().TryGetValue(field, out var errors) && errors.Length > 0 ? messages.Translate(errors[0]) : null;
    }

    public static bool IsTaken<T>(Result<T> result) where T : class => result.Problem is { Kind: ProblemKind.Conflict } problem
        && problem.Errors.ToDictionary().ContainsKey("startsAt");
}
