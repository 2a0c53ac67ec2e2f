using System.Globalization;
using System.Text.RegularExpressions;
using Consultant.Grains.Analytics;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// A broadcast's recipients as CSV (the analytics CSV's format), safe to open in a spreadsheet: a cell that starts
/// with = + - @ (or a tab or carriage return) gets a leading apostrophe, so a contact's name like <c>=HYPERLINK(…)</c>
/// is shown, never run. A plain number (a phone number like +39…, a negative count) is no formula and stays as it is.
/// </summary>
public static partial class BroadcastCsv
{
    public static readonly IReadOnlyList<string> Header =
        ["contactPhone", "name", "status", "reason", "errorCode", "attempts", "messageStatus", "sentAt", "repliedAt"];

    public static Task<string> ToStringAsync(IEnumerable<BroadcastRecipient> recipients) =>
        AnalyticsCsv.ToStringAsync(Header, recipients.Select(r => new[]
        {
            r.ContactPhone, r.Name ?? string.Empty, r.Status, r.Reason ?? string.Empty,
            r.ErrorCode?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, r.Attempts.ToString(CultureInfo.InvariantCulture),
            r.MessageStatus ?? string.Empty, r.SentAt?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty,
            r.RepliedAt?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty,
        }.Select(Cell)));

    /// <summary>The cell as a spreadsheet may read it without running anything.</summary>
    public static string Cell(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !PlainNumber().IsMatch(value) ? "'" + value : value;

    [GeneratedRegex(@"^[+-]?[0-9]+(\.[0-9]+)?$")]
    private static partial Regex PlainNumber();
}
