using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Consultant.TestSupport;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// The Analytics page: a consultant's days (Europe/Rome, the default zone) in Italian, the period picker and the
/// simulator switch changing the figures, the CSV download equal to the API's, the replies to automation per follow-up
/// rule, and the key pool for administrators only.
/// </summary>
public sealed class AnalyticsPageTests : BrowserFixture
{
    private static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    [Test]
    public async Task An_Italian_consultant_sees_their_days_and_the_period_and_the_simulator_switch_change_the_figures()
    {
        using var consultant = await Host.RegisterConsultantAsync("Giulia Statistiche");
        await AddHistoryAsync(consultant.Id);
        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GetByTestId("analytics-link").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Statistiche");

        // The last 30 days (the default): two days of messages, the AI and the consultant apart, an image, 2.000 tokens.
        await Assertions.Expect(Figure(page, "total-inbound")).ToHaveTextAsync("3");
        await Assertions.Expect(Figure(page, "total-outbound")).ToHaveTextAsync("2");
        await Assertions.Expect(Figure(page, "total-ai")).ToHaveTextAsync("1");
        await Assertions.Expect(Figure(page, "total-consultant")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("ai-replies")).ToContainTextAsync("Risposte dell'AI, in media 8 s");
        await Assertions.Expect(page.GetByTestId("consultant-replies")).ToContainTextAsync("Risposte tue, in media 5 min");
        await Assertions.Expect(Figure(page, "total-images")).ToHaveTextAsync("1");
        await Assertions.Expect(Figure(page, "total-ai-calls")).ToHaveTextAsync("2");
        await Assertions.Expect(Figure(page, "total-tokens-in")).ToHaveTextAsync("2.000");
        await Assertions.Expect(FunnelCount(page, "new")).ToHaveTextAsync("1");
        await Assertions.Expect(FunnelCount(page, "engaged")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("messages-chart").Locator("svg path").First).ToBeAttachedAsync();
        await Assertions.Expect(page.GetByTestId("analytics-period")).ToContainTextAsync($"Dal {Italian(DaysAgo(29))} al {Italian(DaysAgo(0))}, giorni nel fuso Europe/Rome");
        await Assertions.Expect(page.GetByTestId("analytics-key-pool")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "analytics-italian");

        // The last 7 days: the older day goes, and with it the image and the lead who first wrote then.
        await page.GetByTestId("period-7").ClickAsync();
        await Assertions.Expect(Figure(page, "total-inbound")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("analytics-media").GetByTestId("section-empty"))
            .ToHaveTextAsync("Nessuna foto, documento o messaggio vocale in questi giorni.");
        await Assertions.Expect(page.GetByTestId("analytics-funnel").GetByTestId("section-empty")).ToHaveTextAsync("Nessun nuovo lead ha scritto in questi giorni.");

        // The last 90 days: the lead of 45 days ago too.
        await page.GetByTestId("period-90").ClickAsync();
        await Assertions.Expect(Figure(page, "total-inbound")).ToHaveTextAsync("4");
        await Assertions.Expect(FunnelCount(page, "new")).ToHaveTextAsync("2");

        // The simulator's conversation counts only when asked.
        await page.GetByTestId("include-simulator").Locator("input").ClickAsync();
        await Assertions.Expect(Figure(page, "total-inbound")).ToHaveTextAsync("5");
        await Assertions.Expect(FunnelCount(page, "new")).ToHaveTextAsync("3");
        await page.GetByTestId("include-simulator").Locator("input").ClickAsync();
        await Assertions.Expect(Figure(page, "total-inbound")).ToHaveTextAsync("4");

        // Chosen days, typed as Italians write them: only the day of the older lead.
        await page.GetByTestId("period-custom").ClickAsync();
        await TypeDateAsync(page, "period-from", DaysAgo(46));
        await TypeDateAsync(page, "period-to", DaysAgo(44));
        await Assertions.Expect(Figure(page, "total-inbound")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("analytics-period")).ToContainTextAsync($"Dal {Italian(DaysAgo(46))} al {Italian(DaysAgo(44))}");
    }

    [Test]
    public async Task The_csv_download_of_a_chart_has_exactly_the_rows_of_the_api_for_the_shown_period()
    {
        using var consultant = await Host.RegisterConsultantAsync("Carla Csv");
        await AddHistoryAsync(consultant.Id);
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/analytics");
        await page.GetByTestId("period-90").ClickAsync();
        await Assertions.Expect(Figure(page, "total-inbound")).ToHaveTextAsync("4");

        var button = page.GetByTestId("analytics-messages").GetByTestId("csv-download");
        var download = await page.RunAndWaitForDownloadAsync(() => button.ClickAsync());
        var downloaded = await File.ReadAllTextAsync((await download.PathAsync())!);

        var query = new Uri(download.Url).Query;
        Assert.That(query, Is.EqualTo($"?from={Iso(DaysAgo(89))}&to={Iso(DaysAgo(0))}"));
        var fromApi = await consultant.Http.GetStringAsync("/api/analytics/daily.csv" + query);
        Assert.That(downloaded, Is.EqualTo(fromApi));
        var lines = downloaded.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(91), "a header and one row a day");
        Assert.That(lines[0], Does.StartWith("date,timeZone,total,inbound,outbound"));
        Assert.That(download.SuggestedFilename, Is.EqualTo($"daily-stats-{Iso(DaysAgo(89))}-to-{Iso(DaysAgo(0))}.csv"));

        // The funnel's own CSV: its stages, the same file as the API's.
        var funnelButton = page.GetByTestId("analytics-funnel").GetByTestId("csv-download");
        var funnelDownload = await page.RunAndWaitForDownloadAsync(() => funnelButton.ClickAsync());
        var funnelFile = await File.ReadAllTextAsync((await funnelDownload.PathAsync())!);
        Assert.That(new Uri(funnelDownload.Url).Query, Is.EqualTo(query));
        Assert.That(funnelFile, Is.EqualTo(await consultant.Http.GetStringAsync("/api/analytics/funnel.csv" + query)));
        Assert.That(funnelFile.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1], Does.StartWith("new,Europe/Rome,2,"), "the two leads of the 90 days");
        Assert.That(funnelDownload.SuggestedFilename, Is.EqualTo($"lead-funnel-{Iso(DaysAgo(89))}-to-{Iso(DaysAgo(0))}.csv"));

        // Another consultant's cookie gets their own (empty) days, never these.
        using var other = await Host.RegisterConsultantAsync("Altro");
        var otherPage = await NewPageAsync();
        await SignInAsync(otherPage, other.Email, other.Password);
        var theirs = await otherPage.APIRequest.GetAsync("/analytics/daily.csv" + query);
        Assert.That(await theirs.TextAsync(), Is.EqualTo(await other.Http.GetStringAsync("/api/analytics/daily.csv" + query)));
        Assert.That(await theirs.TextAsync(), Does.Not.Contain(",4,"), "none of the first consultant's counts");
    }

    [Test]
    public async Task An_administrator_sees_the_key_pools_use_and_a_consultant_does_not()
    {
        using var admin = await Host.RegisterAdministratorAsync("Amministratrice Statistiche");
        (await admin.Http.PostAsJsonAsync("/api/admin/ai-keys", new { label = "Progetto Uno", apiKey = "pool-key-UNO1", requestsPerDay = 100 })).EnsureSuccessStatusCode();
        await Db.ExecuteAsync(Host.ConnectionString, """
            INSERT INTO ai_key_rotation_log (key_id, key_source, consultant_id, outcome, at)
            SELECT k.id, 'pool', gen_random_uuid(), 'ok', now() - interval '1 day' FROM ai_api_keys k, generate_series(1, 3) WHERE k.label = 'Progetto Uno'
            """);

        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, admin.Email, admin.Password);
        await page.GotoAsync("/analytics");
        var pool = page.GetByTestId("analytics-key-pool");
        await Assertions.Expect(pool.Locator("h2")).ToHaveTextAsync("Pool di chiavi AI (amministratori)");
        var row = pool.Locator("[data-testid=key-pool-row][data-label='Progetto Uno']");
        await Assertions.Expect(row.GetByTestId("key-calls")).ToHaveTextAsync("3");
        await Assertions.Expect(pool.GetByTestId("key-pool-share-chart").Locator("svg path").First).ToBeAttachedAsync();
        await Assertions.Expect(pool.GetByTestId("key-pool-daily-chart").Locator("svg path").First).ToBeAttachedAsync();
        await ScreenshotAsync(page, "analytics-key-pool-italian");

        using var consultant = await Host.RegisterConsultantAsync("Consulente Senza Pool");
        var theirs = await NewPageAsync();
        await SignInAsync(theirs, consultant.Email, consultant.Password);
        await theirs.GotoAsync("/analytics");
        await Assertions.Expect(theirs.GetByTestId("analytics-messages")).ToBeVisibleAsync();
        await Assertions.Expect(theirs.GetByTestId("analytics-funnel")).ToBeVisibleAsync();
        await Assertions.Expect(theirs.GetByTestId("analytics-key-pool")).ToHaveCountAsync(0);
    }

    [TestCase(null, "1 of 2 replied")]
    [TestCase("it-IT", "1 su 2 hanno risposto")]
    public async Task On_a_phone_the_replies_to_automation_tables_fit_the_screen_in_two_columns(string? locale, string counts)
    {
        using var consultant = await Host.RegisterConsultantAsync("Telefono Analisi " + (locale ?? "en"));
        var ledger = new LedgerRows(Host.ConnectionString, consultant.Id);
        var twoDaysAgo = DaysAgo(2).AddHours(11);
        await ledger.FollowUpSentAsync("+393330000021", "lead_24h", twoDaysAgo);
        await ledger.InboundAsync("+393330000021", twoDaysAgo.AddHours(1));
        await ledger.FollowUpSentAsync("+393330000022", "lead_24h", twoDaysAgo);

        var page = await NewPageAsync(locale);
        await page.SetViewportSizeAsync(390, 844);
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/analytics");
        var section = page.GetByTestId("analytics-automation-replies");
        var nudges = section.Locator("[data-testid=automation-replies-rule][data-rule=lead_24h]");
        await Assertions.Expect(nudges.GetByTestId("rule-counts")).ToHaveTextAsync(counts);
        await Assertions.Expect(nudges.GetByTestId("rule-sent")).ToBeHiddenAsync();
        await section.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "analytics-automation-replies-phone-" + (locale ?? "en"));
        foreach (var table in new[] { "automation-replies-rules", "automation-replies-origins" })
        {
            var box = section.GetByTestId(table);
            Assert.That(await box.Locator("th:visible").CountAsync(), Is.EqualTo(2), $"{table}: two columns on a phone");
            // Nothing inside scrolls sideways: the table is no wider than the box it sits in.
            Assert.That(await box.EvaluateAsync<bool>("e => [e, ...e.querySelectorAll('*')].every(x => x.scrollWidth <= x.clientWidth + 1 || getComputedStyle(x).overflowX === 'visible')"),
                Is.True, $"{table}: no sideways scrolling");
            var right = (await box.BoundingBoxAsync())!;
            Assert.That(right.X + right.Width, Is.LessThanOrEqualTo(390), $"{table}: within the screen");
        }

        // A laptop has room for the counts' own columns.
        await page.SetViewportSizeAsync(1366, 900);
        await Assertions.Expect(nudges.GetByTestId("rule-sent")).ToHaveTextAsync("2");
        await Assertions.Expect(nudges.GetByTestId("rule-counts")).ToBeHiddenAsync();
    }

    [Test]
    public async Task Replies_to_automation_name_each_follow_up_rule_follow_the_period_and_the_switch_and_none_sent_links_to_follow_ups()
    {
        using var consultant = await Host.RegisterConsultantAsync("Marta Solleciti");
        var ledger = new LedgerRows(Host.ConnectionString, consultant.Id);
        var twoDaysAgo = DaysAgo(2).AddHours(11);
        await ledger.FollowUpSentAsync("+393330000011", "lead_24h", twoDaysAgo);
        await ledger.InboundAsync("+393330000011", twoDaysAgo.AddHours(1));
        await ledger.FollowUpSentAsync("+393330000012", "lead_24h", twoDaysAgo);
        await ledger.FollowUpSentAsync("+393330000013", "before_1h", DaysAgo(10).AddHours(9));
        await ledger.OutboundAsync("+393330000014", "broadcast", twoDaysAgo);
        await ledger.InboundAsync("+393330000014", twoDaysAgo.AddMinutes(20));
        await ledger.FollowUpSentAsync("sim:+393330000015", "lead_24h", twoDaysAgo);
        await ledger.InboundAsync("sim:+393330000015", twoDaysAgo.AddMinutes(5));

        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/analytics");
        var section = page.GetByTestId("analytics-automation-replies");
        await Assertions.Expect(section.Locator("h2")).ToHaveTextAsync("Risposte all'automazione");
        var nudges = section.Locator("[data-testid=automation-replies-rule][data-rule=lead_24h]");
        await Assertions.Expect(nudges.Locator("td").First).ToHaveTextAsync("Lead silenzioso: primo sollecito");
        await Assertions.Expect(nudges.GetByTestId("rule-sent")).ToHaveTextAsync("2");
        await Assertions.Expect(nudges.GetByTestId("rule-replied")).ToHaveTextAsync("1");
        await Assertions.Expect(nudges.GetByTestId("rule-rate")).ToHaveTextAsync(new Regex(@"^50\s?%$"));
        var reminders = section.Locator("[data-testid=automation-replies-rule][data-rule=before_1h]");
        await Assertions.Expect(reminders.Locator("td").First).ToHaveTextAsync("Un'ora prima della consulenza");
        await Assertions.Expect(reminders.GetByTestId("rule-rate")).ToHaveTextAsync(new Regex(@"^0\s?%$"));
        var broadcasts = section.Locator("[data-testid=automation-replies-origin][data-origin=broadcast]");
        await Assertions.Expect(broadcasts.Locator("td").First).ToHaveTextAsync("Broadcast");
        await Assertions.Expect(broadcasts.GetByTestId("origin-replied")).ToHaveTextAsync("1");
        await Assertions.Expect(section.Locator("[data-origin=followup]").GetByTestId("origin-sent")).ToHaveTextAsync("3");
        await ScreenshotAsync(page, "analytics-automation-replies-italian");

        // The last 7 days: the reminder of 10 days ago goes; the simulator's nudge counts only when asked.
        await page.GetByTestId("period-7").ClickAsync();
        await Assertions.Expect(section.GetByTestId("automation-replies-rule")).ToHaveCountAsync(1);
        await page.GetByTestId("include-simulator").Locator("input").ClickAsync();
        await Assertions.Expect(nudges.GetByTestId("rule-sent")).ToHaveTextAsync("3");
        await Assertions.Expect(nudges.GetByTestId("rule-replied")).ToHaveTextAsync("2");

        // Its CSV is the API's for the shown days and switch.
        var download = await page.RunAndWaitForDownloadAsync(() => section.GetByTestId("csv-download").ClickAsync());
        var file = await File.ReadAllTextAsync((await download.PathAsync())!);
        var query = new Uri(download.Url).Query;
        Assert.That(query, Is.EqualTo($"?from={Iso(DaysAgo(6))}&to={Iso(DaysAgo(0))}&includeSimulator=true"));
        Assert.That(file, Is.EqualTo(await consultant.Http.GetStringAsync("/api/analytics/automation-replies.csv" + query)));
        Assert.That(file, Does.Contain("followup,lead_24h,Europe/Rome,3,2,"));
        Assert.That(download.SuggestedFilename, Is.EqualTo($"automation-replies-{Iso(DaysAgo(6))}-to-{Iso(DaysAgo(0))}.csv"));

        // A consultant who sent none is told so, with the way to the Follow-ups page.
        using var other = await Host.RegisterConsultantAsync("Nessun Sollecito");
        var theirs = await NewPageAsync();
        await SignInAsync(theirs, other.Email, other.Password);
        await theirs.GotoAsync("/analytics");
        var none = theirs.GetByTestId("automation-replies-no-followups");
        await Assertions.Expect(none).ToContainTextAsync("No follow-ups were sent in these days.");
        await none.GetByTestId("automation-replies-followups-link").ClickAsync();
        await Assertions.Expect(theirs).ToHaveURLAsync(new Regex("/followups$"));
    }

    [Test]
    public async Task Response_times_have_a_chart_each_with_round_ticks_and_tokens_round_too()
    {
        using var consultant = await Host.RegisterConsultantAsync("Rita Tempi");
        await AddHistoryAsync(consultant.Id);
        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/analytics");

        // The AI's 8 seconds and the consultant's 5 minutes each fill their own chart, on axes of round steps.
        var ai = page.GetByTestId("ai-response-chart");
        await Assertions.Expect(ai).ToContainTextAsync("L'AI, in secondi");
        await Assertions.Expect(page.GetByTestId("consultant-response-chart")).ToContainTextAsync("Tu, in minuti");
        await Assertions.Expect(ai.Locator("svg").First).ToBeAttachedAsync();
        var tallest = await ai.EvaluateAsync<double>(
            "chart => Math.max(0, ...[...chart.querySelectorAll('svg *')].filter(e => /bar|serie/.test(e.getAttribute('class') || '')).map(bar => bar.getBoundingClientRect().height))");
        Assert.That(tallest, Is.GreaterThan(50), "the AI's bar is tall enough to read: " + await ai.InnerHTMLAsync());
        Assert.That(await AxisAsync(ai), Is.EqualTo(new[] { "0", "2", "4", "6", "8" }));
        Assert.That(await AxisAsync(page.GetByTestId("consultant-response-chart")), Is.EqualTo(new[] { "0", "1", "2", "3", "4", "5" }));
        // The figures and the chart say the same measure when the page opens: the average.
        await Assertions.Expect(page.GetByTestId("analytics-response-times").Locator("button[aria-pressed=true], .mud-toggle-item-selected").First)
            .ToContainTextAsync("Media");

        // 2.000 tokens in a day (1.200 + 300 and 800 + 200): steps of 500, not of 256.
        Assert.That(await AxisAsync(page.GetByTestId("ai-tokens-chart")), Is.EqualTo(new[] { "0", "500", "1.000", "1.500" }));

        // At 1366 px the response times' charts were a quarter of the page wide and their labels drawn about 4 px tall.
        var messages = await LabelSizeAsync(page.GetByTestId("messages-chart"));
        foreach (var chart in new[] { "ai-response-chart", "consultant-response-chart" })
        {
            var size = await LabelSizeAsync(page.GetByTestId(chart));
            Assert.That(size, Is.GreaterThanOrEqualTo(10), $"{chart}'s axis labels are readable ({size:0.0} px)");
            Assert.That(size, Is.EqualTo(messages).Within(1), $"{chart}'s axis labels as large as the messages chart's ({size:0.0} and {messages:0.0} px)");
        }
    }

    /// <summary>How large an axis label is drawn on the screen, in CSS pixels: its font size times the chart's scale.</summary>
    private static async Task<double> LabelSizeAsync(ILocator chart)
    {
        var label = chart.Locator("text.mud-charts-yaxis, .mud-charts-yaxis text").First;
        await Assertions.Expect(label).ToBeVisibleAsync();
        return await label.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize) * e.getScreenCTM().d");
    }

    [Test]
    public async Task Chosen_days_refuse_a_last_day_after_today_a_wrong_order_and_an_unreadable_date_in_italian()
    {
        using var consultant = await Host.RegisterConsultantAsync("Paola Periodi");
        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/analytics");
        await Assertions.Expect(page.GetByTestId("analytics-period")).ToContainTextAsync(Italian(DaysAgo(0)));
        await page.GetByTestId("period-custom").ClickAsync();

        await TypeDateAsync(page, "period-from", DaysAgo(3));
        await TypeDateAsync(page, "period-to", DaysAgo(-2));
        await Assertions.Expect(page.GetByTestId("period-error")).ToHaveTextAsync($"L'ultimo giorno non può essere oltre oggi ({Italian(DaysAgo(0))}).");
        await Assertions.Expect(page.GetByTestId("analytics-period")).ToContainTextAsync($"al {Italian(DaysAgo(0))}");

        await TypeDateAsync(page, "period-to", DaysAgo(5));
        await Assertions.Expect(page.GetByTestId("period-error")).ToHaveTextAsync(
            $"Il primo giorno ({Italian(DaysAgo(3))}) è dopo l'ultimo ({Italian(DaysAgo(5))}): scegli un primo giorno non successivo all'ultimo.");

        var to = page.GetByTestId("period-to").Locator("input");
        await to.FillAsync("32/13/2026");
        await to.PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("period-error")).ToHaveTextAsync($"Questa data non è valida: scrivila come {Italian(DaysAgo(0))}.");
    }

    [Test]
    public async Task On_a_phone_the_charts_keep_readable_labels_and_the_wide_tables_say_they_scroll()
    {
        using var consultant = await Host.RegisterConsultantAsync("Sara Telefono");
        await AddHistoryAsync(consultant.Id);
        var page = await NewPageAsync(locale: "it-IT");
        await page.SetViewportSizeAsync(390, 844);
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/analytics");

        var label = page.GetByTestId("messages-chart").Locator("text.mud-charts-yaxis, .mud-charts-yaxis text").First;
        await Assertions.Expect(label).ToBeVisibleAsync();
        var box = await label.BoundingBoxAsync();
        Assert.That(box!.Height, Is.GreaterThanOrEqualTo(9), "an axis label at least 9 px tall on a 390 px screen");

        var weeks = page.GetByTestId("analytics-funnel");
        await Assertions.Expect(weeks.GetByTestId("funnel-weeks")).ToBeAttachedAsync();
        await Assertions.Expect(weeks.GetByTestId("wide-hint").Last).ToBeVisibleAsync();
        await Assertions.Expect(weeks.GetByTestId("wide-hint").Last).ToHaveTextAsync("Scorri di lato per vedere tutto.");
        await ScreenshotAsync(page, "analytics-phone");

        // On a wide screen the hint is not needed.
        await page.SetViewportSizeAsync(1366, 900);
        await Assertions.Expect(weeks.GetByTestId("wide-hint").Last).ToBeHiddenAsync();
    }

    private static async Task<string[]> AxisAsync(ILocator chart)
    {
        var labels = chart.Locator("text.mud-charts-yaxis, .mud-charts-yaxis text");
        await Assertions.Expect(labels.First).ToBeAttachedAsync();
        return (await labels.AllTextContentsAsync()).Select(text => text.Trim()).ToArray();
    }

    /// <summary>
    /// Two leads and a simulator contact: one lead wrote 10 days ago (with an image; answered by the consultant in 5
    /// minutes) and 2 days ago (answered by the AI in 8 seconds), the other 45 days ago; the simulator 2 days ago.
    /// </summary>
    private async Task AddHistoryAsync(Guid consultantId)
    {
        var ledger = new LedgerRows(Host.ConnectionString, consultantId);
        const string anna = "+393330000001", bruno = "+393330000002", simulated = "sim:+393330000003";
        await ledger.ConversationAsync(anna, isLead: true);
        await ledger.ConversationAsync(bruno, isLead: true);
        await ledger.ConversationAsync(simulated, isLead: true);

        var tenDaysAgo = DaysAgo(10).AddHours(10);
        var photo = await ledger.InboundAsync(anna, tenDaysAgo);
        await ledger.MediaAsync(photo, "image/jpeg", tenDaysAgo);
        await ledger.OutboundAsync(anna, "consultant", tenDaysAgo.AddMinutes(5));
        await ledger.AiCallAsync(anna, tenDaysAgo, 800, 200);
        var twoDaysAgo = DaysAgo(2).AddHours(12);
        await ledger.AnsweredByAiAsync(anna, twoDaysAgo.AddSeconds(10), twoDaysAgo, twoDaysAgo.AddSeconds(2));
        await ledger.AiCallAsync(anna, twoDaysAgo.AddSeconds(5), 1200, 300);
        await ledger.LeadStageAsync(anna, "new", tenDaysAgo);
        await ledger.LeadStageAsync(anna, "engaged", twoDaysAgo);

        var longAgo = DaysAgo(45).AddHours(9);
        await ledger.InboundAsync(bruno, longAgo);
        await ledger.LeadStageAsync(bruno, "new", longAgo);

        await ledger.InboundAsync(simulated, twoDaysAgo);
        await ledger.LeadStageAsync(simulated, "new", twoDaysAgo);
    }

    /// <summary>The start of the local day (Europe/Rome) <paramref name="days"/> before today there.</summary>
    private static DateTimeOffset DaysAgo(int days)
    {
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Rome).Date;
        var day = today.AddDays(-days);
        return new DateTimeOffset(day, Rome.GetUtcOffset(day));
    }

    private static string Italian(DateTimeOffset day) => day.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static ILocator Figure(IPage page, string testId) => page.GetByTestId(testId).GetByTestId("figure-value");

    private static ILocator FunnelCount(IPage page, string stage) =>
        page.GetByTestId("analytics-funnel").Locator($"[data-testid=funnel-stage][data-stage={stage}]").GetByTestId("funnel-count");

    private static async Task TypeDateAsync(IPage page, string testId, DateTimeOffset day)
    {
        var input = page.GetByTestId(testId).Locator("input");
        // Tab, as a consultant leaves a field: the browser sends the typed text at once. Enter would open the picker's
        // calendar, and a late answer to it rewrote the field with its previous text before the blur (seen on a busy CI).
        await input.FillAsync(Italian(day));
        await input.PressAsync("Tab");
    }
}
