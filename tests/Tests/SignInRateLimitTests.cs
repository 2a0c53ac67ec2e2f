using System.Net;
using System.Net.Http.Json;
using Consultant.Api.Auth;
using Consultant.TestSupport;

namespace Consultant.Tests;

/// <summary>Sign-in attempts per client address: the API's login and the dashboard's sign-in form share the limit.</summary>
public sealed class SignInRateLimitTests : HostFixture
{
    private const int AttemptsPerMinute = 3;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        [SignInRateLimit.ConfigurationKey] = AttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Test]
    public async Task Sign_in_attempts_beyond_the_limit_per_address_get_429_with_retry_after_on_the_api_and_the_sign_in_form()
    {
        using var anonymous = Host.CreateClient();
        for (var attempt = 1; attempt <= AttemptsPerMinute; attempt++)
        {
            var guess = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = $"victim{attempt}@example.com", password = "guess-guess" });
            Assert.That(guess.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"attempt {attempt}");
        }

        // Another account from the same address: still refused, so accounts cannot be locked one after another cheaply.
        var beyond = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = "other@example.com", password = "guess-guess" });
        Assert.That(beyond.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(beyond.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(beyond.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));

        // The dashboard's sign-in form counts too; showing the page does not.
        using var browser = new DashboardSession(DashboardSession.CreateClient(Host));
        var form = await browser.PostSignInFormAsync("victim1@example.com", "guess-guess");
        Assert.That(form.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(form.Headers.RetryAfter, Is.Not.Null);
        // A person at the form sees the sign-in page again with the reason, not a JSON problem.
        Assert.That(form.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        var page = await form.Content.ReadAsStringAsync();
        Assert.That(page, Does.Contain($"Too many sign-in attempts from your network; try again in {form.Headers.RetryAfter!.Delta!.Value.TotalSeconds:0} seconds."));
        Assert.That(page, Does.Contain("name=\"Input.Password\""), "the sign-in form is shown again");
        Assert.That(page, Does.Not.Contain("guess-guess"));
        Assert.That((await browser.Http.GetAsync("/login")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void Ipv6_clients_are_limited_per_64_prefix_and_mapped_ipv4_as_ipv4()
    {
        Assert.That(SignInRateLimit.ClientKey(IPAddress.Parse("2001:db8:1:2:aaaa::1")),
            Is.EqualTo(SignInRateLimit.ClientKey(IPAddress.Parse("2001:db8:1:2:bbbb::2"))));
        Assert.That(SignInRateLimit.ClientKey(IPAddress.Parse("2001:db8:1:3::1")),
            Is.Not.EqualTo(SignInRateLimit.ClientKey(IPAddress.Parse("2001:db8:1:2::1"))));
        Assert.That(SignInRateLimit.ClientKey(IPAddress.Parse("::ffff:203.0.113.7")), Is.EqualTo("203.0.113.7"));
        Assert.That(SignInRateLimit.ClientKey(null), Is.EqualTo("unknown"));
    }
}
