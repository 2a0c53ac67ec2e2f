using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>The consultant sets a lead's stage by hand; the funnel's API names every bad input.</summary>
public sealed class LeadStageApiTests : HostFixture
{
    [Test]
    public async Task The_hand_set_stage_is_recorded_as_a_transition_by_the_consultant_and_counted_in_the_funnel()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var data = new LeadFunnelData(Host, consultant.Id);
        const string lead = "+393490000001";
        await data.NewLeadAsync(lead, DateTimeOffset.UtcNow.AddMinutes(-5));
        var id = ConversationKey.IdFor(consultant.Id, lead);

        var set = await consultant.Http.PatchAsJsonAsync($"/api/whatsapp/conversations/{id}/lead-stage", new { stage = "qualified" });
        Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK), await set.Content.ReadAsStringAsync());
        var body = await set.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(body.GetProperty("stage").GetString(), Is.EqualTo("qualified"));
        Assert.That(body.GetProperty("stages").EnumerateArray().Select(s => $"{s.GetProperty("stage").GetString()}:{s.GetProperty("source").GetString()}"),
            Is.EqualTo(new[] { "new:auto", "qualified:consultant" }));

        var again = await consultant.Http.PatchAsJsonAsync($"/api/whatsapp/conversations/{id}/lead-stage", new { stage = "Qualified" });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the same stage again changes nothing");
        Assert.That(await data.StagesAsync(lead), Is.EqualTo(new[] { "new:auto", "qualified:consultant" }), "recorded once");
        var read = await consultant.Http.GetFromJsonAsync<JsonElement>($"/api/whatsapp/conversations/{id}/lead-stage");
        Assert.That(read.GetProperty("stage").GetString(), Is.EqualTo("qualified"));

        var calendar = await Host.Services.GetRequiredService<AccountSettingsService>().GetCalendarAsync(consultant.Id);
        var from = calendar.LocalToday.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = calendar.LocalToday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var funnel = await consultant.Http.GetFromJsonAsync<JsonElement>($"/api/analytics/funnel?from={from}&to={to}");
        Assert.That(funnel.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("count").GetInt32()), Is.EqualTo(new[] { 1, 1, 1, 0, 0 }));
    }

    [Test]
    public async Task A_bad_stage_is_400_naming_it_a_client_or_a_passed_stage_409_and_another_consultants_conversation_404()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        using var other = await Host.RegisterConsultantAsync();
        var data = new LeadFunnelData(Host, consultant.Id);
        await data.NewLeadAsync("+393490000011", DateTimeOffset.UtcNow);
        await data.AddConversationAsync("+393490000012", isLead: false);
        var lead = ConversationKey.IdFor(consultant.Id, "+393490000011");
        var client = ConversationKey.IdFor(consultant.Id, "+393490000012");

        await ExpectErrorAsync(await PatchAsync(consultant.Http, lead, new { stage = "hot" }), HttpStatusCode.BadRequest, "stage");
        await ExpectErrorAsync(await PatchAsync(consultant.Http, lead, new { }), HttpStatusCode.BadRequest, "stage");
        await ExpectErrorAsync(await PatchAsync(consultant.Http, client, new { stage = "qualified" }), HttpStatusCode.Conflict, "stage");
        Assert.That((await PatchAsync(consultant.Http, lead, new { stage = "booked" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await ExpectErrorAsync(await PatchAsync(consultant.Http, lead, new { stage = "engaged" }), HttpStatusCode.Conflict, "stage");

        Assert.That((await PatchAsync(other.Http, lead, new { stage = "converted" })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await other.Http.GetAsync($"/api/whatsapp/conversations/{lead}/lead-stage")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await data.StagesAsync("+393490000011"), Is.EqualTo(new[] { "new:auto", "booked:consultant" }), "nothing else recorded");
    }

    [TestCase("from=2026-03-10&to=2026-03-01", "from")]
    [TestCase("from=10/03/2026&to=2026-03-01", "from")]
    [TestCase("from=2026-03-01", "to")]
    [TestCase("from=2025-01-01&to=2026-03-01", "to")]
    [TestCase("from=2026-03-01&to=2026-03-07&includeSimulator=maybe", "includeSimulator")]
    public async Task A_bad_funnel_period_is_400_naming_the_field(string query, string field)
    {
        using var consultant = await Host.RegisterConsultantAsync();
        await ExpectErrorAsync(await consultant.Http.GetAsync("/api/analytics/funnel?" + query), HttpStatusCode.BadRequest, field);
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient http, Guid conversationId, object body) =>
        http.PatchAsJsonAsync($"/api/whatsapp/conversations/{conversationId}/lead-stage", body);

    private static async Task ExpectErrorAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), Is.True, text);
    }
}
