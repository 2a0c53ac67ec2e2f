using Microsoft.Extensions.Localization;

namespace Consultant.Web.Shared;

public sealed partial class ServiceMessages
{
    /// <summary>The Clients pages: a client, their records, the CSV import.</summary>
    private LocalizedString[] ClientWordings() =>
    [
        L["Another of your clients already has the number {0}."],
        L["Your client {0} already has the number {1}."],
        L["The phone number is required. {0}"],
        L["'{0}' is not a valid e-mail address."],
        L["'{0}' is not a language the assistant speaks: use {1}, or leave it empty (not set)."],
        L["The date of the session is required (yyyy-mm-dd)."],
        L["The currency is a three-letter ISO code such as EUR, USD or BRL."],
        L["The date and time of the consultation are required."],
        L["The duration is between {0} and {1} minutes."],
        L["The status is scheduled, completed or cancelled."],
        L["The file is empty; the first line must name the columns: {0}."],
        L["Missing column: {0}. Expected columns: {1}."],
        L["Missing columns: {0}. Expected columns: {1}."],
        L["Only {0} rows are imported at once; this row and the rest were skipped."],
    ];
}
