using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Languages;

/// <summary>
/// Loads the language models in the background as the host starts. Loaded on the first message long enough to be read,
/// they cost that moment about 3 s of CPU and 430 MB of allocations with full collections: on two cores every webhook in
/// flight waited, up to 1.5 s (bench/NOTES.md, session 21). A failure here is logged; the first detection then loads them.
/// </summary>
public sealed class LanguageModelsPreload(
    ContactLanguageDetector detector, IOptions<LanguageModelsOptions> options, ILogger<LanguageModelsPreload> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => !options.Value.PreloadModels ? Task.CompletedTask : Task.Run(() =>
    {
        try
        {
            var watch = Stopwatch.StartNew();
            detector.LoadModels();
            logger.LogInformation("Language models loaded in {Milliseconds} ms", watch.ElapsedMilliseconds);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Language models not preloaded; the first message long enough to be read loads them");
        }
    }, stoppingToken);
}
