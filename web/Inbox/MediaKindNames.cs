using Consultant.Grains.Media;
using Microsoft.Extensions.Localization;

namespace Consultant.Web.Inbox;

/// <summary>What a file is (<see cref="MediaAnalysisKinds"/>: the analysis' kind, else the file's), in the page's language.</summary>
public static class MediaKindNames
{
    /// <summary>A kind the AI made up is shown as written ("fitness_test" as "Fitness test").</summary>
    public static string Of(string? kind, IStringLocalizer<InboxText> L) => kind switch
    {
        "meal" => L["Meal"],
        "gym" => L["Gym"],
        "body" => L["Body"],
        "document" => L["Document"],
        "receipt" => L["Receipt"],
        "bank_statement" => L["Bank statement"],
        "invoice" => L["Invoice"],
        "medical_note" => L["Medical note"],
        "training_plan" => L["Training plan"],
        "meal_plan" => L["Meal plan"],
        "contract" => L["Contract"],
        MediaKind.Image => L["Image"],
        MediaKind.Pdf => L["PDF"],
        MediaKind.Audio => L["Voice note"],
        MediaKind.Other or null or "" => L["Analysis"],
        _ => char.ToUpperInvariant(kind[0]) + kind[1..].Replace('_', ' '),
    };
}
