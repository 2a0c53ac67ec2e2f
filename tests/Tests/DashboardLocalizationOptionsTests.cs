using System.Globalization;
using Consultant.Web.Localization;

namespace Consultant.Tests;

/// <summary>
/// The request localization middleware hands every request <c>CultureInfo.ReadOnly</c> of the chosen culture: with
/// writable cultures that is a new copy each time, whose number and date formats ICU builds again for every request
/// (the webhook's included). The cultures it is given are the runtime's read-only ones, handed out as they are.
/// </summary>
public sealed class DashboardLocalizationOptionsTests
{
    [Test]
    public void Every_request_gets_the_same_read_only_culture_instead_of_a_copy()
    {
        var options = DashboardLocalizationSetup.Options();

        Assert.That(options.SupportedCultures!.Select(c => c.Name), Is.EqualTo(DashboardCultures.Names));
        Assert.That(options.SupportedUICultures!.Select(c => c.Name), Is.EqualTo(DashboardCultures.Names));
        foreach (var culture in options.SupportedCultures!.Concat(options.SupportedUICultures!).Append(options.DefaultRequestCulture.Culture))
        {
            Assert.That(culture.IsReadOnly, Is.True, culture.Name);
            Assert.That(CultureInfo.ReadOnly(culture), Is.SameAs(culture), culture.Name);
        }

        Assert.That(options.DefaultRequestCulture.Culture.Name, Is.EqualTo(DashboardCultures.EnglishCulture));
    }
}
