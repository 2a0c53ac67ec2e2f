using System.Globalization;
using Consultant.Grains.Media;
using Consultant.Web.Inbox;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Consultant.Tests;

/// <summary>What the AI says a file is (a stored code) is named in the dashboard's language under the file.</summary>
public sealed class MediaKindNamesTests
{
    [Test]
    public void Every_kind_of_analysis_is_named_in_Italian_and_one_the_ai_made_up_is_shown_as_written()
    {
        var localizer = new StringLocalizer<InboxText>(
            new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));
        var english = MediaAnalysisKinds.All.ToDictionary(kind => kind, kind => MediaKindNames.Of(kind, localizer));

        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("it-IT");
        try
        {
            var sameAsEnglish = MediaAnalysisKinds.All
                .Where(kind => kind != MediaKind.Pdf && MediaKindNames.Of(kind, localizer) == english[kind]).ToList();
            Assert.That(sameAsEnglish, Is.Empty, "no Italian name for these kinds");
            Assert.That(MediaKindNames.Of("bank_statement", localizer), Is.EqualTo("Estratto conto"));
            Assert.That(MediaKindNames.Of("fitness_test", localizer), Is.EqualTo("Fitness test"));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
