using Microsoft.Extensions.Localization;

namespace Consultant.Web.Shared;

public sealed partial class ServiceMessages
{
    /// <summary>A field's limits in words of its label (Common/InputLimits, Common/FieldLabels); after the others, which say more.</summary>
    private LocalizedString[] FieldWordings() =>
    [
        L["{0} can have at most {1} characters."],
        L["{0} must be between {1} and {2}."],
        L["{0} cannot be negative."],
        L["{0} must be below {1}."],
        L["{0} is required."],
        L["The name"],
        L["The e-mail address"],
        L["The goals"],
        L["The plan's title"],
        L["The plan"],
        L["The exercise"],
        L["The notes"],
        L["Sets"],
        L["Reps"],
        L["The weight (kg)"],
        L["Monthly income"],
        L["Monthly expenses"],
        L["The savings goal"],
        L["The topic"],
    ];
}
