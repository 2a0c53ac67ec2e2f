using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// What a new consultant's walk of the Overview found: on a phone the first screen was a long warning and six zeros,
/// with no first steps; the warning's orange text on cream was hard to read; the Overview's cards of a row were uneven.
/// </summary>
public sealed class OverviewFirstStepsTests : BrowserFixture
{
    private const int PhoneWidth = 390;
    private const int PhoneHeight = 844;

    [TestCase(null, "First steps", "Connect WhatsApp", "Add an AI key", "Try the simulator", "Add your clients")]
    [TestCase("it-IT", "Primi passi", "Collega WhatsApp", "Aggiungi una chiave AI", "Prova il simulatore", "Aggiungi i tuoi clienti")]
    public async Task On_a_phone_a_new_account_sees_its_first_steps_first_and_they_go_away_once_done(
        string? locale, string title, string whatsApp, string aiKey, string simulator, string clients)
    {
        await EmptyThePoolAsync(); // a new installation: the AI-off notice shows too, after the steps
        using var consultant = await Host.RegisterConsultantAsync("First Steps " + (locale ?? "en"));
        var page = await NewPageAsync(locale);
        await page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        await SignInAsync(page, consultant.Email, consultant.Password);

        var steps = page.GetByTestId("overview-first-steps");
        await Assertions.Expect(steps).ToContainTextAsync(title);
        await Assertions.Expect(steps).ToBeInViewportAsync();
        await Assertions.Expect(page.GetByTestId("first-step-whatsapp")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Assertions.Expect(page.GetByTestId("overview-ai-off")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "overview-first-steps-phone-" + (locale ?? "en"));
        var stepsTop = (await steps.BoundingBoxAsync())!.Y;
        var noticeTop = (await page.GetByTestId("overview-ai-off").BoundingBoxAsync())!.Y;
        var numbersTop = (await page.GetByTestId("overview-needs-reply").BoundingBoxAsync())!.Y;
        Assert.That(stepsTop, Is.LessThan(noticeTop), "the steps before the AI notice");
        Assert.That(stepsTop, Is.LessThan(numbersTop), "the steps before the numbers");
        foreach (var (id, text, href) in new[]
                 {
                     ("first-step-whatsapp", whatsApp, "/settings/whatsapp"), ("first-step-ai-key", aiKey, "/settings/whatsapp"),
                     ("first-step-simulator", simulator, "/simulator"), ("first-step-clients", clients, "/clients"),
                 })
        {
            var step = page.GetByTestId(id);
            await Assertions.Expect(step).ToContainTextAsync(text);
            Assert.That(await step.EvaluateAsync<string?>("e => e.getAttribute('href') ?? e.querySelector('[href]')?.getAttribute('href')"), Is.EqualTo(href));
            await Assertions.Expect(step).ToHaveAttributeAsync("data-done", "false");
        }

        // WhatsApp connected, an AI key and a client: ticked, then gone once the account is set up.
        (await consultant.Http.PostAsJsonAsync("/api/clients", new { name = "First Client", phone = "+393471230001" })).EnsureSuccessStatusCode();
        (await consultant.Http.PutAsJsonAsync("/api/whatsapp/ai-settings", new { aiApiKey = "own-key-first-steps-1234" })).EnsureSuccessStatusCode();
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("first-step-clients")).ToHaveAttributeAsync("data-done", "true");
        await Assertions.Expect(page.GetByTestId("first-step-ai-key")).ToHaveAttributeAsync("data-done", "true");

        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Set Up " + (locale ?? "en"));
        await tenant.AddClientAsync("Set Up Client", "+393471230002");
        var setUp = await NewPageAsync(locale);
        await setUp.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        await SignInAsync(setUp, tenant.Consultant.Email, tenant.Consultant.Password);
        await Assertions.Expect(setUp.GetByTestId("overview-unread")).ToBeVisibleAsync();
        await Assertions.Expect(setUp.GetByTestId("overview-first-steps")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task The_ai_off_notice_reads_at_wcag_aa_contrast_and_the_cards_of_a_row_are_as_tall_as_each_other()
    {
        await EmptyThePoolAsync();
        using var consultant = await Host.RegisterConsultantAsync("Contrast Consultant");
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        var notice = page.GetByTestId("overview-ai-off");
        foreach (var text in new[] { notice.GetByTestId("overview-ai-off-title"), notice.GetByTestId("overview-ai-off-text") })
        {
            var ratio = await text.EvaluateAsync<double>(ContrastScript);
            Assert.That(ratio, Is.GreaterThanOrEqualTo(4.5), "WCAG AA for normal text");
        }

        var whatsApp = (await page.GetByTestId("overview-whatsapp-card").BoundingBoxAsync())!;
        var clients = (await page.GetByTestId("overview-clients-card").BoundingBoxAsync())!;
        Assert.That(whatsApp.Y, Is.EqualTo(clients.Y).Within(1), "side by side on a laptop");
        Assert.That(whatsApp.Height, Is.EqualTo(clients.Height).Within(1), "as tall as each other");
        var tiles = page.Locator(".overview-tile");
        var heights = new List<double>();
        for (var i = 0; i < await tiles.CountAsync(); i++)
        {
            heights.Add((await tiles.Nth(i).BoundingBoxAsync())!.Height);
        }

        Assert.That(heights.Max() - heights.Min(), Is.LessThanOrEqualTo(1), "the number tiles as tall as each other");
    }

    /// <summary>
    /// The WCAG contrast ratio of the element's text colour on what is behind it: its own or its nearest ancestor's
    /// backgrounds, each tint laid over the next, down to white.
    /// </summary>
    private const string ContrastScript =
        """
        e => {
          const rgba = s => { const m = s.match(/[\d.]+/g).map(Number); return { r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1 }; };
          const layers = [];
          for (let p = e; p; p = p.parentElement) { const c = rgba(getComputedStyle(p).backgroundColor); if (c.a > 0) layers.push(c); if (c.a === 1) break; }
          let back = { r: 255, g: 255, b: 255 };
          for (const c of layers.reverse()) back = { r: c.r * c.a + back.r * (1 - c.a), g: c.g * c.a + back.g * (1 - c.a), b: c.b * c.a + back.b * (1 - c.a) };
          const t = rgba(getComputedStyle(e).color);
          const fore = { r: t.r * t.a + back.r * (1 - t.a), g: t.g * t.a + back.g * (1 - t.a), b: t.b * t.a + back.b * (1 - t.a) };
          const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
            return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
          const [a, b] = [lum(fore), lum(back)].sort((x, y) => y - x);
          return (a + 0.05) / (b + 0.05);
        }
        """;

    private Consultant.Grains.Ai.AiKeyPool Pool => Host.Services.GetRequiredService<Consultant.Grains.Ai.AiKeyPool>();

    private async Task EmptyThePoolAsync()
    {
        foreach (var key in await Pool.ListAsync())
        {
            await Pool.RemoveAsync(key.Id);
        }
    }
}
