using System.Globalization;
using System.Net.Http.Json;
using Consultant.Grains.Abstractions;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// What a walk through the dashboard on a phone (390 × 844) found, in English and Italian: the simulator's chat and reply
/// box in view without scrolling (its introduction on asking); the Calendar opening on today, one day at a time; a flow
/// step's actions on one line beside its name, overlapping nothing; the main pages no wider than the screen, their headers
/// overlapping nothing.
/// </summary>
public sealed class PhoneScreensTests : BrowserFixture
{
    private const int PhoneWidth = 390;
    private const int PhoneHeight = 844;

    [TestCase(null, "What the simulator does", "Write as one of your clients")]
    [TestCase("it-IT", "Cosa fa il simulatore", "Scrivi come uno dei")]
    public async Task On_a_phone_the_simulators_chat_and_reply_box_are_in_view_and_its_introduction_opens_on_asking(
        string? locale, string aboutButton, string introduction)
    {
        using var consultant = await Host.RegisterConsultantAsync("Simulator Phone " + (locale ?? "en"));
        var page = await NewPageAsync(locale);
        await page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/simulator");
        var chat = page.GetByTestId("simulator-messages");
        var composer = page.GetByTestId("simulator-composer");
        await Assertions.Expect(composer).ToBeVisibleAsync();
        await Assertions.Expect(chat).ToBeInViewportAsync(new() { Ratio = 1 });
        await Assertions.Expect(composer).ToBeInViewportAsync(new() { Ratio = 1 });
        Assert.That((await chat.BoundingBoxAsync())!.Height, Is.GreaterThanOrEqualTo(200), "room to read the chat");
        Assert.That(await PageHeightAsync(page), Is.LessThanOrEqualTo(PhoneHeight), "the page does not scroll");
        await ScreenshotAsync(page, "simulator-phone-" + (locale ?? "en"));

        // The introduction, on asking; a message sent then still shows with the reply box in view once it is closed.
        var intro = page.GetByTestId("simulator-intro");
        await Assertions.Expect(intro).ToBeHiddenAsync();
        var about = page.GetByRole(AriaRole.Button, new() { Name = aboutButton });
        await about.ClickAsync();
        await Assertions.Expect(intro).ToBeVisibleAsync();
        await Assertions.Expect(intro).ToContainTextAsync(introduction);
        await Assertions.Expect(about).ToHaveAttributeAsync("aria-expanded", "true");
        await about.ClickAsync();
        await Assertions.Expect(intro).ToBeHiddenAsync();
        await page.Locator("[data-testid=simulator-input] input, input[data-testid=simulator-input]").First.FillAsync("Ciao");
        await page.GetByTestId("simulator-send").ClickAsync();
        await Assertions.Expect(chat.GetByTestId("message")).ToHaveCountAsync(1);
        await Assertions.Expect(composer).ToBeInViewportAsync(new() { Ratio = 1 });

        // A laptop has room for the introduction: always shown, no button for it.
        await page.SetViewportSizeAsync(1366, 900);
        await Assertions.Expect(intro).ToBeVisibleAsync();
        await Assertions.Expect(about).ToBeHiddenAsync();
    }

    [TestCase("en-GB")]
    [TestCase("it-IT")]
    public async Task On_a_phone_the_calendar_opens_on_today_one_day_at_a_time_and_the_strip_shows_the_other_days(string locale)
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Calendar Phone " + locale, autoResponse: false);
        const string phone = "+393471239876";
        await tenant.WebhookAsync(Host, phone, "Ciao, vorrei prenotare", profileName: "Sara Settimana");

        var page = await NewPageAsync(locale);
        await page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/calendar");
        var days = page.Locator("[data-testid=calendar-day]:visible");
        var strip = page.GetByTestId("calendar-strip-day");
        await Assertions.Expect(strip).ToHaveCountAsync(7);
        await Assertions.Expect(days).ToHaveCountAsync(1);
        var shown = days.First;
        await Assertions.Expect(shown).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bcalendar-today\b"));
        await Assertions.Expect(shown).ToBeInViewportAsync();
        var today = DateOnly.ParseExact((await shown.GetAttributeAsync("data-day"))!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.That(Math.Abs(today.DayNumber - DateOnly.FromDateTime(DateTime.UtcNow).DayNumber), Is.LessThanOrEqualTo(1), "today, in the consultant's time zone");
        await Assertions.Expect(StripDay(page, today)).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.That(await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(PhoneWidth), "no sideways scrolling");
        await ScreenshotAsync(page, "calendar-phone-today-" + locale);

        // A consultation on the Tuesday of next week (10:00 UTC: the same day in any European time zone).
        var nextTuesday = today.AddDays(8 - ((int)today.DayOfWeek + 6) % 7);
        var booked = await tenant.Consultant.Http.PostAsJsonAsync("/api/bookings", new
        {
            conversationId = ConversationKey.IdFor(tenant.Consultant.Id, phone),
            startsAt = new DateTimeOffset(nextTuesday.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero),
        });
        Assert.That(booked.IsSuccessStatusCode, await booked.Content.ReadAsStringAsync());

        // Next week opens on the same weekday; the strip marks the Tuesday's consultation and shows it on a tap.
        await page.GetByTestId("week-next").ClickAsync();
        await Assertions.Expect(days).ToHaveAttributeAsync("data-day", Iso(today.AddDays(7)));
        var tuesday = StripDay(page, nextTuesday);
        await Assertions.Expect(tuesday.Locator(".calendar-strip-dot:not(.calendar-strip-dot-none)")).ToHaveCountAsync(1);
        await Assertions.Expect(StripDay(page, nextTuesday.AddDays(1)).Locator(".calendar-strip-dot-none")).ToHaveCountAsync(1);
        await tuesday.ClickAsync();
        await Assertions.Expect(days).ToHaveAttributeAsync("data-day", Iso(nextTuesday));
        await Assertions.Expect(days.GetByTestId("calendar-booking")).ToContainTextAsync("Sara Settimana");
        await StripDay(page, nextTuesday.AddDays(1)).ClickAsync();
        await Assertions.Expect(days.GetByTestId("calendar-day-empty")).ToBeVisibleAsync();

        // Today comes back to today; a laptop shows the whole week and no strip.
        await page.GetByTestId("week-today").ClickAsync();
        await Assertions.Expect(days).ToHaveAttributeAsync("data-day", Iso(today));
        await page.SetViewportSizeAsync(1366, 900);
        await Assertions.Expect(days).ToHaveCountAsync(7);
        await Assertions.Expect(page.GetByTestId("calendar-day-strip")).ToBeHiddenAsync();
    }

    [TestCase(null)]
    [TestCase("it-IT")]
    public async Task On_a_phone_a_flow_steps_actions_stay_on_one_line_beside_its_name_and_overlap_nothing(string? locale)
    {
        using var consultant = await Host.RegisterConsultantAsync("Flow Actions Phone " + (locale ?? "en"));
        var page = await NewPageAsync(locale);
        await page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/flows");
        var steps = page.GetByTestId("flow-step");
        await Assertions.Expect(steps.First).ToBeVisibleAsync();
        // The widest the steps get: every language and the ids shown.
        await page.GetByTestId("show-languages").ClickAsync();
        await page.GetByTestId("show-advanced").ClickAsync();
        await Assertions.Expect(page.GetByTestId("step-id").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "flows-phone-actions-" + (locale ?? "en"));

        var count = await steps.CountAsync();
        Assert.That(count, Is.GreaterThan(1));
        for (var i = 0; i < count; i++)
        {
            var step = steps.Nth(i);
            var name = await BoxAsync(step.Locator(".flow-step-title"));
            var actions = new[] { await BoxAsync(step.GetByTestId("step-up")), await BoxAsync(step.GetByTestId("step-down")), await BoxAsync(step.GetByTestId("remove-step")) };
            var fields = new[] { await BoxAsync(step.GetByTestId("step-id")), await BoxAsync(step.GetByTestId("step-type")) };
            var paper = await BoxAsync(step);
            Assert.Multiple(() =>
            {
                foreach (var action in actions)
                {
                    Assert.That(action.Y, Is.EqualTo(actions[0].Y).Within(1), $"step {i + 1}: its actions on one line");
                    Assert.That(action.Y + action.Height / 2, Is.InRange(name.Y, name.Y + name.Height), $"step {i + 1}: its actions beside its name");
                    Assert.That(action.X + action.Width, Is.LessThanOrEqualTo(paper.X + paper.Width), $"step {i + 1}: its actions inside its box");
                    Assert.That(Overlap(action, name), Is.False, $"step {i + 1}: an action over its name");
                    Assert.That(fields.Any(field => Overlap(action, field)), Is.False, $"step {i + 1}: an action over a field");
                }

                Assert.That(Overlap(actions[0], actions[1]) || Overlap(actions[1], actions[2]), Is.False, $"step {i + 1}: actions over each other");
            });
        }

        // An option's icons beside its "Then", not over it.
        var option = page.GetByTestId("flow-option").First;
        var then = await BoxAsync(option.GetByTestId("option-next"));
        var up = await BoxAsync(option.GetByTestId("option-up"));
        var remove = await BoxAsync(option.GetByTestId("remove-option"));
        Assert.That(up.Y + up.Height / 2, Is.InRange(then.Y, then.Y + then.Height), "the option's icons on the line of its Then");
        Assert.That(remove.Y, Is.EqualTo(up.Y).Within(1), "the option's icons on one line");
        Assert.That(Overlap(up, then) || Overlap(remove, then) || Overlap(up, remove), Is.False, "the option's icons over its Then or each other");
        Assert.That(await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(PhoneWidth), "no sideways scrolling");

        // Every action still works: the first step moved down is the second.
        var first = await steps.First.GetAttributeAsync("data-step");
        await steps.First.GetByTestId("step-down").ClickAsync();
        await Assertions.Expect(steps.Nth(1)).ToHaveAttributeAsync("data-step", first!);
    }

    [TestCase(null)]
    [TestCase("it-IT")]
    public async Task The_main_pages_fit_a_phone_without_scrolling_sideways_or_overlapping_headers(string? locale)
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Phone Walk " + (locale ?? "en"), autoResponse: false);
        await tenant.WebhookAsync(Host, "+393471236541", "Ciao, quanto costa una consulenza di un'ora?", profileName: "Maria Antonietta Bellavista");
        await tenant.AddClientAsync("Giovanni Battista Castelnuovo", "+393471236542");
        (await tenant.Consultant.Http.PostAsJsonAsync("/api/whatsapp/broadcasts", new
        {
            name = "Chiusura estiva dello studio", audience = new { group = "all" }, messageText = "Ciao {name}, ad agosto siamo chiusi.",
        })).EnsureSuccessStatusCode();

        var page = await NewPageAsync(locale);
        await page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        var problems = new List<string>();
        foreach (var path in new[] { "/", "/conversations", "/clients", "/analytics", "/broadcasts", "/followups", "/settings/whatsapp", "/calendar", "/flows", "/simulator" })
        {
            await page.GotoAsync(path);
            // Shown: its heading (the Conversations page has none: its list).
            await Assertions.Expect(page.Locator(".mud-main-content h1, [data-testid=conversation-list]").First).ToBeVisibleAsync();
            // Loaded: the pages show a progress bar until their data is in.
            await Assertions.Expect(page.Locator(".mud-main-content .mud-progress-linear")).ToHaveCountAsync(0);
            await ScreenshotAsync(page, $"phone-walk{path.Replace('/', '-')}-{locale ?? "en"}");
            problems.AddRange((await page.EvaluateAsync<string[]>(LayoutProblemsScript)).Select(problem => $"{path}: {problem}"));
        }

        // WhatsApp not set up yet: the settings page's title with its longest status ("Not configured").
        using var newcomer = await Host.RegisterConsultantAsync("Phone Walk Newcomer " + (locale ?? "en"));
        var fresh = await NewPageAsync(locale);
        await fresh.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        await SignInAsync(fresh, newcomer.Email, newcomer.Password);
        await fresh.GotoAsync("/settings/whatsapp");
        await Assertions.Expect(fresh.GetByTestId("config-status")).ToBeVisibleAsync();
        problems.AddRange((await fresh.EvaluateAsync<string[]>(LayoutProblemsScript)).Select(problem => $"/settings/whatsapp, not set up: {problem}"));

        Assert.That(problems, Is.Empty, string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// What is wrong with the page's layout on this screen: the page wider than the screen (and what sticks out), a control
    /// or text past the page's right margin, the app bar's controls over each other, the page's heading over a control or text.
    /// </summary>
    private const string LayoutProblemsScript =
        """
        () => {
          const problems = [];
          const root = document.scrollingElement;
          const shown = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };
          const name = e => `${e.tagName.toLowerCase()}.${[...e.classList].slice(0, 3).join('.')} "${(e.innerText || e.value || '').trim().slice(0, 30)}"`;
          if (root.scrollWidth > root.clientWidth) {
            const wide = [...document.querySelectorAll('body *')].filter(e => shown(e) && e.getBoundingClientRect().right > root.clientWidth + 0.5)
              .slice(0, 5).map(e => `${name(e)} right=${Math.round(e.getBoundingClientRect().right)}`);
            problems.push(`${root.scrollWidth} px wide on a ${root.clientWidth} px screen: ${wide.join('; ')}`);
          }
          // Inside the page's margins: nothing past the content column's right edge, unless in a box that scrolls or clips it.
          const container = document.querySelector('.mud-main-content > .mud-container');
          const edge = container.getBoundingClientRect().right - parseFloat(getComputedStyle(container).paddingRight);
          const clipped = e => { for (let p = e.parentElement; p && p !== container; p = p.parentElement) {
            if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
          [...container.querySelectorAll(':is(button, a, input, textarea, table, p, h1, h2, h3, h4, h5, h6, .mud-chip, .mud-input-control, .mud-paper, .mud-alert)')]
            .filter(e => shown(e) && e.getBoundingClientRect().right > edge + 0.5 && !clipped(e))
            .slice(0, 5).forEach(e => problems.push(`past the page's right margin (${Math.round(edge)}): ${name(e)} right=${Math.round(e.getBoundingClientRect().right)}`));
          const overlap = (a, b) => { const r = a.getBoundingClientRect(), s = b.getBoundingClientRect();
            return r.left + 1 < s.right && s.left + 1 < r.right && r.top + 1 < s.bottom && s.top + 1 < r.bottom; };
          const bar = [...document.querySelectorAll('.mud-appbar .mud-toolbar > *')].filter(shown);
          bar.forEach((a, i) => bar.slice(i + 1).forEach(b => { if (overlap(a, b)) problems.push(`app bar: ${name(a)} over ${name(b)}`); }));
          const heading = document.querySelector('.mud-main-content h1');
          if (heading) {
            const others = [...document.querySelectorAll('.mud-main-content :is(button, a, input, .mud-input-control, .mud-chip, p, h2, .mud-alert)')]
              .filter(e => shown(e) && !e.contains(heading) && !heading.contains(e) && overlap(e, heading));
            others.slice(0, 5).forEach(e => problems.push(`heading over ${name(e)}`));
          }
          return problems;
        }
        """;

    private static ILocator StripDay(IPage page, DateOnly day) => page.Locator($"[data-testid=calendar-strip-day][data-day='{Iso(day)}']");

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Task<int> PageHeightAsync(IPage page) => page.EvaluateAsync<int>("document.documentElement.scrollHeight");

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator element) =>
        await element.BoundingBoxAsync() ?? throw new AssertionException($"{element} has no box: not shown");

    /// <summary>Whether two boxes share more than a pixel's edge.</summary>
    private static bool Overlap(LocatorBoundingBoxResult a, LocatorBoundingBoxResult b) =>
        a.X + 1 < b.X + b.Width && b.X + 1 < a.X + a.Width && a.Y + 1 < b.Y + b.Height && b.Y + 1 < a.Y + a.Height;
}
