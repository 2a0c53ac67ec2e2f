using MudBlazor;

namespace Consultant.Web.Layout;

internal static class DashboardTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#075E54",
            Secondary = "#25D366",
            AppbarBackground = "#075E54",
            // A text alert writes in its colour's dark shade on a pale tint of it: MudBlazor's own dark orange read at
            // 2.8:1 on the cream, below WCAG AA's 4.5:1; this brown reads at 6.3:1, the icon and tint stay orange.
            WarningDarken = "#8A4B00",
        },
    };
}
