using Consultant.Grains.Abstractions;
using Consultant.TestSupport;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// The Broadcasts page: the empty state, a refused field said under it, the preflight with who is left out and why,
/// "Send to N contacts?", the report filling live, pause and resume, the recipients' CSV, Italian, a phone's width,
/// a discarded draft gone.
/// </summary>
public sealed class BroadcastsPageTests : BrowserFixture
{
    [Test]
    public async Task Compose_check_the_excluded_with_reasons_send_and_the_report_fills_live_and_the_csv_lists_everyone()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Broadcast Consultant", autoResponse: false);
        var (anna, marco, stopped, noMarketing) = ("+14155550301", "+14155550302", "+14155550303", "+14155550304");
        await tenant.WebhookAsync(Host, anna, "Hello!", profileName: "Anna Rossi");
        await tenant.WebhookAsync(Host, marco, "Hi there", profileName: "Marco Verdi");
        await tenant.WebhookAsync(Host, noMarketing, "Hey", profileName: "Nora Quiet");
        await tenant.WebhookAsync(Host, stopped, "STOP", profileName: "Sam Stop");
        await tenant.AddClientAsync("Carla Never", "+14155550305"); // never wrote: outside the window for free text
        await Poll.UntilAsync(() => Db.ScalarAsync<long>(Host.ConnectionString,
                $"SELECT count(*) FROM conversations WHERE consultant_id = '{tenant.Consultant.Id}' AND (opted_out OR contact_phone <> '{stopped}')"),
            count => count == 4, TimeSpan.FromSeconds(30), "four conversations, one opted out");
        await Db.ExecuteAsync(Host.ConnectionString, $"""
            INSERT INTO contact_marketing_stops (consultant_id, contact_phone, error_code, stopped_at)
            VALUES ('{tenant.Consultant.Id}', '{noMarketing}', 131050, now())
            """);

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GetByTestId("broadcasts-link").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Broadcasts", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("broadcasts-empty")).ToContainTextAsync("No broadcasts yet — compose one.");
        // One "New broadcast" button on the empty page: the empty card's.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "New broadcast" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("broadcast-new")).ToHaveCountAsync(0);

        // A refused field: the service's reason under it.
        await page.GetByTestId("broadcast-new-empty").ClickAsync();
        await Field(page, "broadcast-text").FillAsync("Hi {name}, open day on Saturday!");
        await page.GetByTestId("broadcast-check").ClickAsync();
        await Assertions.Expect(Control(page, "broadcast-name")).ToContainTextAsync("A name of 1 to 120 characters.");
        await ScreenshotAsync(page, "broadcasts-name-error");

        await Field(page, "broadcast-name").FillAsync("Open day");
        await page.GetByTestId("broadcast-check").ClickAsync();
        var detail = page.GetByTestId("broadcast-detail");
        await Assertions.Expect(detail.GetByTestId("detail-status")).ToHaveTextAsync("Draft");
        await Assertions.Expect(detail.GetByTestId("preflight-recipients")).ToHaveTextAsync("2 contacts will get it.");
        await Assertions.Expect(detail.GetByTestId("preflight-excluded-count")).ToHaveTextAsync("3 contacts will not get it:");
        await Assertions.Expect(detail.GetByTestId("preflight-reason")).ToHaveTextAsync(new[]
        {
            "1: Opted out: they wrote STOP.",
            "1: They stopped marketing messages on WhatsApp (error 131050).",
            "1: Outside the 24-hour window: a free-text broadcast goes only to contacts who wrote in the last 24 hours; use an approved template to reach them.",
        }, new() { UseInnerText = true });
        await Assertions.Expect(detail.GetByTestId("preflight-duration")).ToContainTextAsync("Sending takes under a second at 10 messages a second.");
        await ScreenshotAsync(page, "broadcasts-preflight");

        await detail.GetByTestId("broadcast-send").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Send to 2 contacts?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send to 2 contacts" }).ClickAsync();

        // Live, without reloading: the counts and the status as the messages go.
        await Assertions.Expect(detail.GetByTestId("detail-status")).ToHaveTextAsync("Completed");
        await Assertions.Expect(detail.GetByTestId("count-sent").GetByTestId("count-value")).ToHaveTextAsync("2");
        await Assertions.Expect(detail.GetByTestId("count-skipped").GetByTestId("count-value")).ToHaveTextAsync("3");
        await Assertions.Expect(detail.GetByTestId("report-progress-text")).ToHaveTextAsync("5 of 5 done");
        await Assertions.Expect(detail.GetByTestId("recipient-row")).ToHaveCountAsync(5);
        // Each recipient named as the rest of the dashboard names them: the name, the number under it written for people.
        var annaRow = detail.GetByTestId("recipient-row").Filter(new() { HasText = "Anna Rossi" });
        await Assertions.Expect(annaRow.GetByTestId("recipient-name")).ToHaveTextAsync("Anna Rossi");
        await Assertions.Expect(annaRow.GetByTestId("recipient-number")).ToHaveTextAsync("+1 415-555-0301");
        await page.SetViewportSizeAsync(700, 900); // a narrow Contact column keeps the number whole
        Assert.That(await OnOneLineAsync(annaRow.GetByTestId("recipient-number")), Is.True, "the number is not broken at its spaces");
        await page.SetViewportSizeAsync(1366, 900);
        await Assertions.Expect(page.GetByTestId("broadcast-row").GetByTestId("broadcast-row-status")).ToHaveTextAsync("Completed");
        Assert.That(Twilio.Sent.Count(m => m.To == "whatsapp:" + anna && m.Body.StartsWith("Hi Anna, open day", StringComparison.Ordinal)), Is.EqualTo(1));

        await detail.GetByTestId("recipients-filter").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Skipped", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(detail.GetByTestId("recipient-row")).ToHaveCountAsync(3);
        await ScreenshotAsync(page, "broadcasts-report");

        var download = await page.RunAndWaitForDownloadAsync(() => detail.GetByTestId("recipients-csv").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.That(csv, Does.StartWith("contactPhone,name,status,reason,errorCode,attempts,messageStatus,sentAt,repliedAt"));
        Assert.That(csv.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(6), csv);
        Assert.That(csv, Does.Contain(stopped + ",Sam Stop,skipped,Opted out: they wrote STOP.").And.Contain(anna + ",Anna Rossi,sent,"));
    }

    [Test]
    public async Task Pause_stops_a_running_broadcast_and_resume_finishes_it()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Broadcast Pause Consultant", autoResponse: false);
        string[] contacts = ["+14155550311", "+14155550312", "+14155550313"];
        foreach (var contact in contacts)
        {
            await tenant.WebhookAsync(Host, contact, "Hello", profileName: "Contact " + contact[^2..]);
        }

        await Poll.UntilAsync(() => Db.ScalarAsync<long>(Host.ConnectionString, $"SELECT count(*) FROM conversations WHERE consultant_id = '{tenant.Consultant.Id}'"),
            count => count == 3, TimeSpan.FromSeconds(30), "three conversations");

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/broadcasts");
        await page.GetByTestId("broadcast-new-empty").ClickAsync();
        await Field(page, "broadcast-name").FillAsync("Holiday closure");
        await Field(page, "broadcast-text").FillAsync("We are closed on Monday.");
        await page.GetByTestId("broadcast-check").ClickAsync();
        var detail = page.GetByTestId("broadcast-detail");
        await Assertions.Expect(detail.GetByTestId("preflight-recipients")).ToHaveTextAsync("3 contacts will get it.");

        var held = Twilio.HoldNextSendResponse(); // the first message is with Twilio while the consultant pauses
        await detail.GetByTestId("broadcast-send").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Send to 3 contacts" }).ClickAsync();
        await Assertions.Expect(detail.GetByTestId("detail-status")).ToHaveTextAsync("Sending");
        await detail.GetByTestId("broadcast-pause").ClickAsync();
        await Assertions.Expect(detail.GetByTestId("detail-status")).ToHaveTextAsync("Paused");
        await Assertions.Expect(detail.GetByTestId("detail-reason")).ToHaveTextAsync("Paused by you.");
        held.SetResult();
        // Sends already handed to Twilio finish (the held one at least); the rest waits, queued, however fast the
        // machine was: the counts settle at sent + queued = 3 with the broadcast still paused.
        var sent = detail.GetByTestId("count-sent").GetByTestId("count-value");
        var queued = detail.GetByTestId("count-queued").GetByTestId("count-value");
        await Poll.UntilAsync(async () => (Sent: int.Parse(await sent.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture), Queued: int.Parse(await queued.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture)),
            counts => counts.Sent >= 1 && counts.Sent + counts.Queued == 3, TimeSpan.FromSeconds(30), "the paused counts to settle");
        await Assertions.Expect(detail.GetByTestId("detail-status")).ToHaveTextAsync("Paused");
        await ScreenshotAsync(page, "broadcasts-paused");

        await detail.GetByTestId("broadcast-resume").ClickAsync();
        await Assertions.Expect(detail.GetByTestId("detail-status")).ToHaveTextAsync("Completed");
        await Assertions.Expect(detail.GetByTestId("count-sent").GetByTestId("count-value")).ToHaveTextAsync("3");
        Assert.That(contacts.Select(c => Twilio.Sent.Count(m => m.To == "whatsapp:" + c && m.Body.StartsWith("We are closed", StringComparison.Ordinal))),
            Is.All.EqualTo(1), "each contact once");
    }

    [Test]
    public async Task An_italian_consultant_reads_the_page_the_field_errors_and_the_preflight_in_italian_and_it_fits_a_phone()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Consulente Broadcast", autoResponse: false);
        await tenant.WebhookAsync(Host, "+393471110321", "Ciao!", profileName: "Giulia Bianchi");
        await tenant.AddClientAsync("Paolo Mai", "+393471110322");
        await tenant.AddClientAsync("Paolo Mai", "+393471110324"); // the same name: told apart by the number
        const string nameless = "+393471110323"; // opted out without a profile name: left out, shown by their number
        await tenant.WebhookAsync(Host, nameless, "STOP", profileName: "");
        await Poll.UntilAsync(() => Db.ScalarAsync<long>(Host.ConnectionString,
                $"SELECT count(*) FROM conversations WHERE consultant_id = '{tenant.Consultant.Id}' AND (opted_out OR contact_phone <> '{nameless}')"),
            count => count == 2, TimeSpan.FromSeconds(30), "the conversations, one opted out");

        var page = await NewPageAsync(locale: "it-IT");
        await page.SetViewportSizeAsync(390, 844);
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/broadcasts");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Broadcast", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("broadcasts-empty")).ToContainTextAsync("Nessun broadcast per ora — creane uno.");
        await page.GetByTestId("broadcast-new-empty").ClickAsync();
        await Assertions.Expect(page.GetByTestId("broadcast-composer")).ToContainTextAsync("Tutti i contatti");
        await Assertions.Expect(Field(page, "broadcast-text")).ToHaveValueAsync("Ciao {name}, ");
        await Field(page, "broadcast-tags").FillAsync(new string('x', 51));
        await page.GetByTestId("broadcast-check").ClickAsync();
        await Assertions.Expect(Control(page, "broadcast-name")).ToContainTextAsync("Un nome da 1 a 120 caratteri.");
        // As on the other pages: the toast says how many, the summary lists those, each naming its field as the form labels it.
        await Assertions.Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Non salvato: 2 errori, segnati in rosso." })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("broadcast-error"))
            .ToHaveTextAsync(new[] { "Nome: Un nome da 1 a 120 caratteri.", "Etichette: Al massimo 20 etichette, ciascuna da 1 a 50 caratteri." });
        await Field(page, "broadcast-tags").FillAsync("");

        await Field(page, "broadcast-name").FillAsync("Chiusura estiva");
        await Field(page, "broadcast-text").FillAsync("Ciao {name}, ad agosto siamo chiusi.");
        await page.GetByTestId("broadcast-check").ClickAsync();
        var detail = page.GetByTestId("broadcast-detail");
        await Assertions.Expect(detail.GetByTestId("detail-status")).ToHaveTextAsync("Bozza");
        await Assertions.Expect(page.GetByTestId("broadcast-errors")).ToHaveCountAsync(0);
        await Assertions.Expect(detail.GetByTestId("preflight-recipients")).ToHaveTextAsync("1 contatto lo riceverà.");
        await Assertions.Expect(detail.GetByTestId("preflight-reason").Filter(new() { HasText = "Fuori dalla finestra" })).ToContainTextAsync("2: Fuori dalla finestra di 24 ore");
        await Assertions.Expect(detail.GetByTestId("preflight-reason").Filter(new() { HasText = "STOP" })).ToHaveTextAsync("1: Disiscritto: ha scritto STOP.");
        await Assertions.Expect(detail.GetByTestId("broadcast-send")).ToHaveTextAsync("Invia a 1 contatto");
        await Assertions.Expect(detail.GetByTestId("preflight-excluded-count")).ToHaveTextAsync("3 contatti non lo riceveranno:");
        // Who is left out: the contact without a name by their number, written for people and kept on one line.
        await detail.GetByTestId("preflight-excluded-toggle").ClickAsync();
        var number = detail.GetByTestId("preflight-excluded-name").Filter(new() { HasText = "+39 347" });
        await Assertions.Expect(number).ToHaveTextAsync("+39 347 111 0323");
        Assert.That(await OnOneLineAsync(number), Is.True, "the number is not broken at its spaces at 390 px");
        var numberBox = await number.BoundingBoxAsync();
        Assert.That(numberBox!.X + numberBox.Width, Is.LessThanOrEqualTo(390), "the number ends inside a 390 px screen");
        // Each reason once, above its contacts, and read whole at 390 px (a reason column beside the names cut it at the edge).
        var window = detail.GetByTestId("preflight-excluded-group").Filter(new() { HasText = "Fuori dalla finestra" });
        await Assertions.Expect(window.GetByTestId("preflight-excluded-reason")).ToHaveCountAsync(1);
        await Assertions.Expect(window.GetByTestId("preflight-excluded-reason")).ToContainTextAsync("usa un modello approvato");
        Assert.That(await window.GetByTestId("preflight-excluded-reason").EvaluateAsync<bool>(
                "e => e.scrollWidth <= e.clientWidth && e.getBoundingClientRect().right <= document.documentElement.clientWidth"),
            Is.True, "the reason is not cut at the right edge");
        await Assertions.Expect(window.GetByTestId("preflight-excluded-row")).ToHaveCountAsync(2);
        // Named contacts have their number beside the name, written for people: two Paolo Mai are told apart.
        await Assertions.Expect(window.GetByTestId("preflight-excluded-number")).ToHaveTextAsync(new[] { "+39 347 111 0322", "+39 347 111 0324" });
        await Assertions.Expect(detail.GetByTestId("preflight-excluded-group").Filter(new() { HasText = "STOP" }).GetByTestId("preflight-excluded-number"))
            .ToHaveCountAsync(0); // shown by the number already: not twice
        await Assertions.Expect(page.GetByTestId("broadcast-row").Filter(new() { HasText = "Chiusura estiva" })).ToContainTextAsync("Tutti i contatti · creato oggi alle ");
        var box = await detail.BoundingBoxAsync();
        Assert.That(box!.X + box.Width, Is.LessThanOrEqualTo(390), "the broadcast ends inside a 390 px screen");
        await ScreenshotAsync(page, "broadcasts-italian-phone");

        // Discarding the draft removes it: the list is empty again, not a "cancelled" row.
        await detail.GetByTestId("broadcast-cancel").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Eliminare questo broadcast?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Eliminalo" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("broadcasts-empty")).ToContainTextAsync("Nessun broadcast per ora — creane uno.");
        await Assertions.Expect(page.GetByTestId("broadcast-row")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("broadcast-detail")).ToHaveCountAsync(0);
        Assert.That(await Db.ScalarAsync<long>(Host.ConnectionString, $"SELECT count(*) FROM whatsapp_broadcasts WHERE consultant_id = '{tenant.Consultant.Id}'"),
            Is.Zero, "the draft is gone, not cancelled");
    }

    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    /// <summary>The field with its label and the text under it (its help, or the service's reason it was refused).</summary>
    private static ILocator Control(IPage page, string testId) =>
        page.Locator(".mud-input-control").Filter(new() { Has = page.Locator($"[data-testid={testId}]") }).First;
}
