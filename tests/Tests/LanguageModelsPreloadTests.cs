using Consultant.Grains.Languages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Consultant.Tests;

/// <summary>The language models load as the host starts, not on the first long message (a stall of seconds: bench/NOTES.md).</summary>
public sealed class LanguageModelsPreloadTests
{
    [Test]
    public void The_contact_languages_start_with_the_host_that_preloads_the_models()
    {
        var services = new ServiceCollection().AddContactLanguages();

        Assert.That(services.Where(s => s.ServiceType == typeof(IHostedService)).Select(s => s.ImplementationType),
            Does.Contain(typeof(LanguageModelsPreload)));
    }

    [Test]
    public async Task Starting_the_preload_loads_every_model_in_the_background()
    {
        using var preload = new LanguageModelsPreload(new ContactLanguageDetector(), Options.Create(new LanguageModelsOptions()), NullLogger<LanguageModelsPreload>.Instance);

        await preload.StartAsync(CancellationToken.None);
        await preload.ExecuteTask!.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.That(ContactLanguageDetector.ModelsLoaded, Is.True);
    }
}
