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
        },
    };
}
