using Consultant.Grains.Outbound.Marketing;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// The "not accepting marketing" flag, shared by broadcasts and follow-ups: a failed status callback with 131050 sets
/// it for that contact only; other failures do not.
/// </summary>
public sealed class MarketingStopTests : PipelineFixture
{
    [Test]
    public async Task A_131050_status_callback_marks_the_contact_as_not_accepting_marketing_and_no_one_else()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-marketing");
        var stopped = NewContactPhone();
        var limited = NewContactPhone();
        foreach (var contact in new[] { stopped, limited })
        {
            await SendAsync(tenant, contact, "hello there");
            await WaitForRepliesAsync(contact, 1);
        }

        var consent = Host.Services.GetRequiredService<MarketingConsent>();
        Assert.That(await consent.IsAcceptingAsync(tenant.Consultant.Id, stopped), Is.True, "accepting until WhatsApp says otherwise");

        (await StatusCallbackAsync(tenant, SentTo(stopped)[0].Sid, "failed", "131050")).EnsureSuccessStatusCode();
        (await StatusCallbackAsync(tenant, SentTo(limited)[0].Sid, "failed", "131049")).EnsureSuccessStatusCode();

        Assert.That(await consent.IsAcceptingAsync(tenant.Consultant.Id, stopped), Is.False);
        Assert.That(await consent.IsAcceptingAsync(tenant.Consultant.Id, limited), Is.True, "a marketing limit is retried later, not a stop");
        Assert.That(await consent.NotAcceptingAmongAsync(tenant.Consultant.Id, [stopped, limited]), Is.EquivalentTo(new[] { stopped }));
        using var other = await NewTenantAsync();
        Assert.That(await consent.IsAcceptingAsync(other.Consultant.Id, stopped), Is.True, "the flag is the consultant's own");
    }
}
