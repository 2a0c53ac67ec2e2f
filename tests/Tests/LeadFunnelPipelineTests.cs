using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Accounts;
using Consultant.Grains.Analytics;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>The funnel follows a real lead through the pipeline: each stage recorded once, where the pipeline knows it.</summary>
public sealed class LeadFunnelPipelineTests : PipelineFixture
{
    [Test]
    public async Task A_lead_walking_through_the_stages_is_recorded_once_per_stage_and_shows_once_per_stage_in_the_funnel()
    {
        using var tenant = await NewTenantAsync(aiApiKey: "own-key-funnel");
        await AddPoolKeyAsync("pool-key-funnel");
        var lead = NewContactPhone();
        var funnel = Host.Services.GetRequiredService<LeadFunnel>();

        await SendAsync(tenant, lead, "hi, I saw your ad");
        await SendAsync(tenant, lead, "how much is it?"); // the same burst, before any answer: still only new
        await WaitForRepliesAsync(lead, 1);
        await WaitUntilSettledAsync(tenant, lead);
        Assert.That(await StagesAsync(tenant, lead), Is.EqualTo(new[] { "new:auto" }));

        await SendAsync(tenant, lead, "sounds good, tell me more"); // wrote again after the answer
        await SendAsync(tenant, lead, "and what about weekends?");
        await WaitForRepliesAsync(lead, 2);
        await WaitUntilSettledAsync(tenant, lead);

        Assert.That(await funnel.MarkQualifiedAsync(tenant.Consultant.Id, lead, LeadStageSource.Flow), Is.True);
        Assert.That(await funnel.MarkQualifiedAsync(tenant.Consultant.Id, lead, LeadStageSource.Consultant), Is.False, "once");
        Assert.That(await funnel.MarkBookedAsync(tenant.Consultant.Id, lead, LeadStageSource.Booking), Is.True);

        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, lead);
        var added = await tenant.Consultant.Http.PostAsJsonAsync($"/api/whatsapp/conversations/{conversationId}/add-client", new { name = "Funnel Fiona" });
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created), await added.Content.ReadAsStringAsync());
        await SendAsync(tenant, lead, "I signed up! What's next?"); // as a client now: nothing more for the funnel
        await WaitForRepliesAsync(lead, 3);
        await WaitUntilSettledAsync(tenant, lead);

        Assert.That(await StagesAsync(tenant, lead),
            Is.EqualTo(new[] { "new:auto", "engaged:auto", "qualified:flow", "booked:booking", "converted:auto" }));

        var calendar = await Host.Services.GetRequiredService<AccountSettingsService>().GetCalendarAsync(tenant.Consultant.Id);
        var from = calendar.LocalToday.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = calendar.LocalToday.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var figures = await tenant.Consultant.Http.GetFromJsonAsync<JsonElement>($"/api/analytics/funnel?from={from}&to={to}");
        Assert.That(figures.GetProperty("leads").GetInt32(), Is.EqualTo(1));
        var stages = figures.GetProperty("stages").EnumerateArray().ToList();
        Assert.That(stages.Select(s => $"{s.GetProperty("stage").GetString()}={s.GetProperty("count").GetInt32()}"),
            Is.EqualTo(new[] { "new=1", "engaged=1", "qualified=1", "booked=1", "converted=1" }));
        Assert.That(figures.GetProperty("medianSecondsToConversion").GetDouble(), Is.GreaterThan(0));
    }

    private async Task<IReadOnlyList<string>> StagesAsync(WhatsAppTenant tenant, string phone) =>
        (await Host.Services.GetRequiredService<LeadStageEvents>().ListAsync(tenant.Consultant.Id, phone))
            .Select(e => $"{e.Stage}:{e.Source}").ToList();
}
