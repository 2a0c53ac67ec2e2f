using System.Globalization;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Broadcasts;
using Consultant.Web.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Consultant.Web.Broadcasts;

/// <summary>A broadcast's statuses, audiences and durations in the page's language.</summary>
public static class BroadcastWords
{
    public static string Status(IStringLocalizer<BroadcastsText> L, string status) => Words.For(status,
        (BroadcastStatus.Draft, L["Draft"]),
        (BroadcastStatus.Scheduled, L["Scheduled"]),
        (BroadcastStatus.Running, L["Sending"]),
        (BroadcastStatus.Paused, L["Paused"]),
        (BroadcastStatus.Completed, L["Completed"]),
        (BroadcastStatus.Cancelled, L["Cancelled"]));

    public static Color StatusColor(string status) => status switch
    {
        BroadcastStatus.Running => Color.Info,
        BroadcastStatus.Paused => Color.Warning,
        BroadcastStatus.Completed => Color.Success,
        BroadcastStatus.Cancelled => Color.Error,
        _ => Color.Default,
    };

    /// <summary>One recipient's status, in the singular ("Non riuscito"; the counters say "Non riusciti").</summary>
    public static string RecipientStatus(IStringLocalizer<BroadcastsText> L, string status) => Words.For(status,
        (Grains.Broadcasts.RecipientStatus.Queued, L["Queued"]),
        (Grains.Broadcasts.RecipientStatus.Sending, L["Sending now"]),
        (Grains.Broadcasts.RecipientStatus.Sent, L["Sent (one recipient)"]),
        (Grains.Broadcasts.RecipientStatus.Failed, L["Failed (one recipient)"]),
        (Grains.Broadcasts.RecipientStatus.Skipped, L["Skipped (one recipient)"]));

    /// <summary>Twilio's delivery of a sent message, as the chat's ticks say it.</summary>
    public static string Delivery(IStringLocalizer<BroadcastsText> L, string? messageStatus) => messageStatus switch
    {
        null => string.Empty,
        "delivered" => L["Delivered (one recipient)"],
        "read" => L["Read (one recipient)"],
        "failed" or "undelivered" => L["Not delivered"],
        _ => L["Sent (one recipient)"],
    };

    public static string Audience(IStringLocalizer<BroadcastsText> L, Broadcast broadcast)
    {
        var group = broadcast.AudienceGroup switch
        {
            BroadcastAudience.Clients => L["Clients"],
            BroadcastAudience.Leads => L["Leads"],
            _ => L["All contacts"],
        };
        return broadcast.AudienceTags.Length == 0 ? group : L["{0} tagged {1}", group, string.Join(", ", broadcast.AudienceTags)];
    }

    /// <summary>How long sending takes at the sender's pace, rounded up to what a person plans with.</summary>
    public static string Duration(IStringLocalizer<BroadcastsText> L, double seconds) => seconds switch
    {
        < 1 => L["under a second"],
        < 90 => L["about {0} seconds", Math.Ceiling(seconds).ToString("N0", CultureInfo.CurrentCulture)],
        < 5400 => L["about {0} minutes", Math.Ceiling(seconds / 60).ToString("N0", CultureInfo.CurrentCulture)],
        _ => L["about {0} hours", (seconds / 3600).ToString("N1", CultureInfo.CurrentCulture)],
    };

    /// <summary>Recipients done (sent, failed or skipped) of all, 0–100.</summary>
    public static double Percent(BroadcastProgress progress) =>
        progress.Total == 0 ? 0 : 100.0 * (progress.Total - progress.Queued) / progress.Total;

    public static BroadcastProgress ProgressOf(BroadcastReport report)
    {
        var (b, c) = (report.Broadcast, report.Counts);
        return new BroadcastProgress(b.Id, b.Status, b.StatusReason, c.Total, c.Queued, c.Sent, c.Delivered, c.Read, c.Failed, c.Skipped, c.Replied);
    }
}
