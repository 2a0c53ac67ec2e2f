using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Consultant.Silo;
using Consultant.TestSupport;
using Microsoft.Extensions.Configuration;

namespace Consultant.Tests;

/// <summary>
/// Changing a password (<c>POST /api/auth/password</c>, the same service as the dashboard's page) and the operator's
/// reset: the rules name the field, a wrong current password is a counted guess, and every other session ends.
/// </summary>
public sealed class PasswordChangeTests : HostFixture
{
    private const string NewPassword = "a-brand-new-password";

    [Test]
    public async Task Changing_the_password_ends_every_other_session_and_keeps_the_one_that_changed_it()
    {
        using var changing = await Host.RegisterConsultantAsync();
        using var otherToken = await Host.SignInAsync(changing.Email, changing.Password);
        using var otherBrowser = await DashboardSession.SignInAsync(Host, changing.Email, changing.Password);
        Assert.That(await otherBrowser.IsSignedInAsync(), Is.True);

        var response = await changing.Http.PostAsJsonAsync("/api/auth/password", new { currentPassword = changing.Password, newPassword = NewPassword });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await changing.Http.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "this session stays");
        Assert.That((await otherToken.Http.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "another token ends");
        Assert.That(await otherBrowser.IsSignedInAsync(), Is.False, "another browser is signed out");
        Assert.That((await SignInAsync(changing.Email, changing.Password)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the old password");
        Assert.That((await SignInAsync(changing.Email, NewPassword)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the new password");
        using var afterwards = await DashboardSession.SignInAsync(Host, changing.Email, NewPassword);
        Assert.That(await afterwards.IsSignedInAsync(), Is.True, "a sign-in after the change is not ended by it");
    }

    [Test]
    public async Task A_wrong_current_password_or_a_new_one_breaking_the_rules_is_400_naming_the_field_and_changes_nothing()
    {
        using var consultant = await Host.RegisterConsultantAsync();

        await AssertRefusedAsync(consultant, new { currentPassword = "not-my-password", newPassword = NewPassword }, "currentPassword", "wrong");
        await AssertRefusedAsync(consultant, new { currentPassword = consultant.Password, newPassword = "short" }, "newPassword", "at least 8");
        await AssertRefusedAsync(consultant, new { currentPassword = consultant.Password, newPassword = new string('x', 257) }, "newPassword", "at most 256");
        await AssertRefusedAsync(consultant, new { currentPassword = consultant.Password, newPassword = consultant.Password }, "newPassword", "differ");
        await AssertRefusedAsync(consultant, new { newPassword = NewPassword }, "currentPassword", "current password");

        Assert.That((await SignInAsync(consultant.Email, consultant.Password)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "still the old password");
        Assert.That((await consultant.Http.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Wrong_current_passwords_count_like_failed_sign_ins_and_lock_the_account()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var guess = new { currentPassword = "guess-number-x", newPassword = NewPassword };
        for (var attempt = 1; attempt < Grains.Accounts.AccountService.MaxFailedLogins; attempt++)
        {
            Assert.That((await consultant.Http.PostAsJsonAsync("/api/auth/password", guess)).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        var locked = await consultant.Http.PostAsJsonAsync("/api/auth/password", guess);
        Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(locked.Headers.RetryAfter, Is.Not.Null);
        var right = await consultant.Http.PostAsJsonAsync("/api/auth/password", new { currentPassword = consultant.Password, newPassword = NewPassword });
        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "locked even for the right password");
    }

    [Test]
    public async Task The_operators_set_password_command_sets_a_new_password_and_signs_the_account_out_everywhere()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        using var browser = await DashboardSession.SignInAsync(Host, consultant.Email, consultant.Password);
        var output = new StringWriter();

        var refused = await AdminCommand.RunAsync(["--set-password", consultant.Email], Configuration(), output, new StringReader("short\n"));
        Assert.That(refused, Is.EqualTo(1));
        Assert.That(output.ToString(), Does.Contain("at least 8"));
        Assert.That(await AdminCommand.RunAsync(["--set-password", "nobody@example.com"], Configuration(), output, new StringReader(NewPassword)), Is.EqualTo(1));

        var done = await AdminCommand.RunAsync(["--set-password", consultant.Email.ToUpperInvariant()], Configuration(), output, new StringReader(NewPassword + "\n"));

        Assert.That(done, Is.EqualTo(0));
        Assert.That(output.ToString(), Does.Not.Contain(NewPassword), "the password is never echoed");
        Assert.That((await consultant.Http.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await browser.IsSignedInAsync(), Is.False);
        Assert.That((await SignInAsync(consultant.Email, NewPassword)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static async Task AssertRefusedAsync(ApiConsultant consultant, object body, string field, string words)
    {
        var response = await consultant.Http.PostAsJsonAsync("/api/auth/password", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), $"{field}: {words}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.That(string.Join(" ", messages), Does.Contain(words));
    }

    private async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        using var anonymous = Host.CreateClient();
        return await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password });
    }

    private IConfiguration Configuration() =>
        new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create("ConnectionStrings:Postgres", (string?)Host.ConnectionString)]).Build();
}
