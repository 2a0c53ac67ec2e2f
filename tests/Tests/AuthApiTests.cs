using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Api.Auth;
using Consultant.Grains.Accounts;
using Consultant.TestSupport;

namespace Consultant.Tests;

public sealed class AuthApiTests : HostFixture
{
    // Many sign-ins from one (in-memory) address here: the per-address limit has its own test class.
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        [SignInRateLimit.ConfigurationKey] = "1000",
    };

    [Test]
    public async Task Register_then_login_gives_a_token_that_opens_the_api()
    {
        using var anonymous = Host.CreateClient();
        var email = $"ana{Guid.NewGuid():N}@example.com";

        var registered = await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = "s3cret-pass", name = "Ana" });
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = email.ToUpperInvariant(), password = "s3cret-pass" });
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Authorization = new("Bearer", token);
        var me = await anonymous.SendAsync(request);
        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString(), Is.EqualTo("Ana"));
    }

    [Test]
    public async Task Register_reports_each_invalid_field_and_refuses_a_taken_email()
    {
        using var anonymous = Host.CreateClient();
        var invalid = await anonymous.PostAsJsonAsync("/api/auth/register", new { email = "not-an-email", password = "short", name = "" });
        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(errors.TryGetProperty("email", out _) && errors.TryGetProperty("password", out _) && errors.TryGetProperty("name", out _));

        var email = $"dup{Guid.NewGuid():N}@example.com";
        Assert.That((await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = "long-enough", name = "A" })).StatusCode,
            Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = "long-enough", name = "B" })).StatusCode,
            Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task Wrong_password_is_401_and_repeated_failures_lock_the_account()
    {
        var consultant = await Host.RegisterConsultantAsync();
        using var anonymous = Host.CreateClient();

        for (var attempt = 1; attempt < 5; attempt++)
        {
            var wrong = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = consultant.Email, password = "wrong-password" });
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"attempt {attempt}");
        }

        var fifth = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = consultant.Email, password = "wrong-password" });
        Assert.That(fifth.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));

        // Locked: even the right password is refused until the lockout ends.
        var right = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = consultant.Email, password = consultant.Password });
        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(right.Headers.RetryAfter, Is.Not.Null);
    }

    [Test]
    public async Task Sixty_parallel_wrong_passwords_are_each_counted_before_checking_so_only_four_are_tried_and_the_account_locks()
    {
        var consultant = await Host.RegisterConsultantAsync();
        using var anonymous = Host.CreateClient();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 60).Select(async _ =>
            (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = consultant.Email, password = "wrong-password" })).StatusCode));

        // Attempts are counted before the password is checked: four wrong answers, the fifth locks, all others refused.
        Assert.That(statuses.Count(s => s == HttpStatusCode.Unauthorized), Is.EqualTo(AccountService.MaxFailedLogins - 1), string.Join(",", statuses));
        Assert.That(statuses.Count(s => s == HttpStatusCode.TooManyRequests), Is.EqualTo(60 - (AccountService.MaxFailedLogins - 1)));
        Assert.That(await Db.ScalarAsync<int>(Host.ConnectionString,
            "SELECT failed_login_count FROM consultants WHERE id = @id AND locked_until > now()", ("id", consultant.Id)),
            Is.EqualTo(AccountService.MaxFailedLogins));

        var right = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = consultant.Email, password = consultant.Password });
        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "the right password while locked");
        Assert.That(right.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
    }

    [Test]
    public async Task Sign_out_without_the_antiforgery_token_is_refused_and_the_sign_out_button_with_it_signs_out()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        using var session = await DashboardSession.SignInAsync(Host, consultant.Email, consultant.Password);
        Assert.That(await session.IsSignedInAsync(), Is.True);
        using var copy = DashboardSession.WithCookie(Host, session.AuthCookie!);
        Assert.That(await copy.IsSignedInAsync(), Is.True, "a copy of the cookie works while the session lasts");

        // A forged post from another site carries the cookie but cannot know the token.
        var forged = await session.PostSignOutAsync(antiforgeryToken: null);
        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await session.IsSignedInAsync(), Is.True, "still signed in after the forged sign-out");

        var wrongToken = await session.PostSignOutAsync("not-the-token");
        Assert.That(wrongToken.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await session.IsSignedInAsync(), Is.True);

        var malformed = await session.Http.PostAsync("/account/logout",
            new StringContent("not a multipart body", System.Text.Encoding.UTF8, "multipart/form-data"));
        Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await session.IsSignedInAsync(), Is.True);

        // The real form sends the token it was rendered with.
        var signedOut = await session.PostSignOutAsync(await session.AntiforgeryTokenAsync("/login"));
        Assert.That(signedOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(signedOut.Headers.Location!.ToString(), Does.EndWith("/login"));
        Assert.That(await session.IsSignedInAsync(), Is.False);
        Assert.That(await copy.IsSignedInAsync(), Is.False, "a copy of a signed-out session's cookie is refused");

        using var other = await DashboardSession.SignInAsync(Host, consultant.Email, consultant.Password);
        Assert.That(await other.IsSignedInAsync(), Is.True, "signing out ends that session only, not the account");
    }

    [Test]
    public async Task A_failed_sign_in_on_the_sign_in_page_sends_the_page_back_without_the_typed_password()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        using var browser = new DashboardSession(DashboardSession.CreateClient(Host));
        const string typed = "Typed-Wrong-Password-4711";
        var refused = await browser.PostSignInFormAsync(consultant.Email, typed);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain("The e-mail or the password is wrong."));
        Assert.That(html, Does.Not.Contain(typed));
        Assert.That(html, Does.Contain(System.Net.WebUtility.HtmlEncode(consultant.Email)), "the e-mail may stay");
    }

    [Test]
    public async Task The_api_refuses_requests_without_a_valid_token()
    {
        using var anonymous = Host.CreateClient();
        Assert.That((await anonymous.GetAsync("/api/clients")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await anonymous.GetAsync("/api/whatsapp/config")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/clients");
        forged.Headers.Authorization = new("Bearer", "not-a-real-token");
        Assert.That((await anonymous.SendAsync(forged)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Dashboard_pages_send_anonymous_visitors_to_the_sign_in_page()
    {
        using var anonymous = Host.CreateClient(new() { AllowAutoRedirect = false });
        var response = await anonymous.GetAsync("/clients");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.ToString(), Does.Contain("/login"));

        var orleansDashboard = await anonymous.GetAsync("/orleans/");
        Assert.That(orleansDashboard.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(orleansDashboard.Headers.Location!.ToString(), Does.Contain("/login"));
    }
}
