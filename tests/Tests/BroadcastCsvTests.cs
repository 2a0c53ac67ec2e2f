using System.Net;
using Consultant.Grains.Broadcasts;
using Consultant.TestSupport;

namespace Consultant.Tests;

/// <summary>
/// A broadcast's recipients as CSV (<c>GET /api/whatsapp/broadcasts/{id}/recipients.csv</c>): every recipient with
/// the reason in words, a contact's name that looks like a spreadsheet formula written so it is shown, never run, and
/// another consultant's broadcast not found.
/// </summary>
public sealed class BroadcastCsvTests : PipelineFixture
{
    [Test]
    public async Task The_recipients_csv_lists_everyone_with_reasons_defuses_formulas_and_is_not_found_for_another_consultant()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        using var other = await NewTenantAsync(autoResponse: false);
        var formula = NewContactPhone();
        var mention = NewContactPhone();
        await AddClientAsync(tenant, "=HYPERLINK(\"http://evil.example\";\"x\")", formula, "Run");
        await AddClientAsync(tenant, "@Marco Rossi", mention, "Run");
        var id = await BroadcastTests.CreateAsync(tenant, new { name = "Closure", audience = new { group = "clients" }, messageText = "Closed on Friday." });
        await BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/start", HttpStatusCode.OK);
        await BroadcastTests.WaitForStatusAsync(tenant, id, "completed");

        var response = await tenant.Consultant.Http.GetAsync($"/api/whatsapp/broadcasts/{id}/recipients.csv");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("contactPhone,name,status,reason,errorCode,attempts,messageStatus,sentAt,repliedAt"));
            Assert.That(lines, Has.Length.EqualTo(3), "a header and both clients");
            // Never wrote: outside the window for free text, skipped with the reason in words. The number stays a number.
            Assert.That(lines.Single(l => l.StartsWith(formula, StringComparison.Ordinal)),
                Does.StartWith(formula + ",\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"x\"\")\",skipped,Outside the 24-hour window"));
            Assert.That(lines.Single(l => l.StartsWith(mention, StringComparison.Ordinal)), Does.StartWith(mention + ",'@Marco Rossi,skipped,"));
        });

        var notYours = await other.Consultant.Http.GetAsync($"/api/whatsapp/broadcasts/{id}/recipients.csv");
        Assert.That(notYours.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("=1+2", "'=1+2")]
    [TestCase("+39 347 123", "'+39 347 123")]
    [TestCase("-2+3", "'-2+3")]
    [TestCase("@SUM(A1)", "'@SUM(A1)")]
    [TestCase("\t=1", "'\t=1")]
    [TestCase("+393471234567", "+393471234567")]
    [TestCase("-5", "-5")]
    [TestCase("Anna", "Anna")]
    [TestCase("", "")]
    public void A_cell_that_a_spreadsheet_would_run_gets_an_apostrophe_and_a_plain_number_stays(string cell, string written) =>
        Assert.That(BroadcastCsv.Cell(cell), Is.EqualTo(written));
}
