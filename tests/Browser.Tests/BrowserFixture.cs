using Consultant.TestSupport;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>The real host on Kestrel, a fake Twilio, and Debian's Chromium driven by Playwright.</summary>
public abstract class BrowserFixture
{
    protected FakeTwilio Twilio { get; private set; } = null!;

    protected FakeAi Ai { get; private set; } = null!;

    protected SiloHost Host { get; private set; } = null!;

    protected Uri BaseUrl => Host.KestrelAddress!;

    private IPlaywright playwright = null!;
    private IBrowser browser = null!;
    private readonly List<IPage> openedPages = [];

    /// <summary>This fixture's own settings for its host, over the shared ones (the guided flow for new leads switched on, say).</summary>
    protected virtual IReadOnlyDictionary<string, string> HostSettings { get; } = new Dictionary<string, string>();

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Twilio = await FakeTwilio.StartAsync();
        Ai = await FakeAi.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["WhatsApp:DebounceSeconds"] = "1",
            ["Ai:Endpoint"] = Ai.Endpoint.ToString(),
        };
        foreach (var (key, value) in HostSettings)
        {
            settings[key] = value;
        }

        Host = new SiloHost(await TestPostgres.CreateDatabaseAsync(), Twilio.BaseUrl, httpPort: FreePort.Next(), settings: settings);
        Host.StartServer();
        using (var warmUp = Host.CreateClient())
        {
            (await warmUp.GetAsync("/login")).EnsureSuccessStatusCode(); // compiles the pages before the first test's clock runs
        }

        Assertions.SetDefaultExpectTimeout(30_000);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await Host.DisposeAsync();
        await Ai.DisposeAsync();
        await Twilio.DisposeAsync();
    }

    /// <summary>
    /// A failed test says what its pages showed (the CI log keeps only text): each page's address and visible text,
    /// and a screenshot attached to the result. Then the pages are closed either way.
    /// </summary>
    [TearDown]
    public async Task DescribePagesOfAFailedTestAsync()
    {
        var failed = TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed;
        for (var index = 0; index < openedPages.Count; index++)
        {
            var page = openedPages[index];
            if (failed && !page.IsClosed)
            {
                try
                {
                    var text = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 });
                    TestContext.Progress.WriteLine($"[failed test, page {index + 1}] {page.Url}\n{text}");
                    await ScreenshotAsync(page, $"failed-{TestContext.CurrentContext.Test.MethodName}-{index + 1}");
                }
                catch (PlaywrightException ex)
                {
                    TestContext.Progress.WriteLine($"[failed test, page {index + 1}] unreadable: {ex.Message}");
                }
            }

            await page.Context.CloseAsync();
        }

        openedPages.Clear();
    }

    /// <param name="locale">The browser's language (its Accept-Language), e.g. "it-IT"; Chromium's en-US when not given.</param>
    protected async Task<IPage> NewPageAsync(string? locale = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            Locale = locale,
        });
        // Generous waits, never timed asserts: on a busy machine a page may take longer, and a wait only ends early.
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        openedPages.Add(page);
        // The browser's console and failed requests go to the test output: the first place to look when a page stays blank.
        page.Console += (_, message) => TestContext.Progress.WriteLine($"[browser {message.Type}] {message.Text}");
        page.RequestFailed += (_, request) => TestContext.Progress.WriteLine($"[browser request failed] {request.Url} {request.Failure}");
        return page;
    }

    /// <summary>
    /// Signs in through the real form. Waits for the form post's own answer (the cookie and the redirect) and then
    /// only for the next page to be committed, not for its load event: what a test does next waits for its elements.
    /// </summary>
    protected static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("button[type=submit]"),
            response => response.Request.Method == "POST" && response.Url.Contains("/login", StringComparison.Ordinal),
            new() { Timeout = 120_000 });
        TestContext.Progress.WriteLine($"[sign-in] form post answered {answer.Status} after {started.ElapsedMilliseconds} ms");
        try
        {
            // The page's own URL, polled: waiting for a navigation missed one that had committed before the wait began
            // (a CI run timed out with the page already on "/").
            await Poll.UntilAsync(() => Task.FromResult(page.Url), url => !url.Contains("/login", StringComparison.Ordinal),
                TimeSpan.FromSeconds(120), "the page to leave the sign-in form");
        }
        catch (TimeoutException)
        {
            // Once in a CI run the post answered 302 and the page stayed on /login: say where it went and what it said.
            var said = await page.Locator("main").InnerTextAsync(new() { Timeout = 5_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(unreadable)");
            throw new AssertionException($"Still on {page.Url} 120 s after the sign-in post answered {answer.Status} ({answer.Headers.GetValueOrDefault("location")}); the page says: {said}");
        }
        TestContext.Progress.WriteLine($"[sign-in] signed in after {started.ElapsedMilliseconds} ms");
    }

    /// <summary>
    /// Clicks <paramref name="option"/> in the open drop-down list and waits until <paramref name="field"/> shows it.
    /// The server applies a pick a moment after the click; a Save clicked before that (a test is faster than any
    /// person, more so on a busy machine) would save the previous value.
    /// </summary>
    protected static async Task PickAsync(IPage page, string option, ILocator field)
    {
        await page.Locator(".mud-popover-open").GetByText(option, new() { Exact = true }).ClickAsync();
        if (await field.EvaluateAsync<bool>("e => e instanceof HTMLInputElement"))
        {
            await Assertions.Expect(field).ToHaveValueAsync(option);
        }
        else
        {
            await Assertions.Expect(field).ToContainTextAsync(option);
        }
    }

    /// <summary>Whether the element's text takes one line: its box no taller than one and a half of its line height.</summary>
    protected static Task<bool> OnOneLineAsync(ILocator element) =>
        element.EvaluateAsync<bool>("e => e.getBoundingClientRect().height < 1.5 * parseFloat(getComputedStyle(e).lineHeight)");

    /// <summary>Kept under TestResults and attached to the test result.</summary>
    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
    }
}
