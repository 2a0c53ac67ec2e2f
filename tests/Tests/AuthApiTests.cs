using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Consultant.Tests;

public sealed class AuthApiTests : HostFixture
{
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
