using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Consultant.TestSupport;

namespace Consultant.Tests;

/// <summary>
/// The fake Twilio's held sends (<see cref="FakeTwilio.HoldSendWhen"/>), which crash and race tests build on: every
/// hold registered is looked at, not only the oldest, so a hold still waiting for its send (or left by an earlier
/// test) does not let a send through that a later hold was registered to catch.
/// </summary>
public sealed class FakeTwilioHoldTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_second_hold_catches_its_send_while_the_first_still_waits_for_one_and_each_send_is_held_once()
    {
        await using var twilio = await FakeTwilio.StartAsync();
        var (accountSid, authToken) = ("AC" + Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        twilio.AddAccount(accountSid, authToken);
        using var http = new HttpClient { BaseAddress = twilio.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountSid}:{authToken}")));
        Task<HttpResponseMessage> SendAsync(string to, string body) => http.PostAsync($"/2010-04-01/Accounts/{accountSid}/Messages.json",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["To"] = "whatsapp:" + to, ["From"] = "whatsapp:+14155550100", ["Body"] = body }));

        var first = twilio.HoldSendWhen((to, _) => to == "whatsapp:+393330000001");
        var askedAboutSecond = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = twilio.HoldSendWhen((to, _) =>
        {
            var mine = to == "whatsapp:+393330000002";
            if (mine)
            {
                askedAboutSecond.TrySetResult();
            }

            return mine;
        });

        // The first hold's send has not come: the second's must still be held, not go through.
        var secondSend = SendAsync("+393330000002", "for the second hold");
        await Task.WhenAny(secondSend, askedAboutSecond.Task).WaitAsync(Deadline);
        Assert.That(askedAboutSecond.Task.IsCompleted, Is.True, "the second hold was looked at for its send");
        Assert.That(secondSend.IsCompleted, Is.False, "held until released");

        // A send no hold matches goes at once; the held one is not at Twilio yet.
        Assert.That((await SendAsync("+393330000003", "for no hold").WaitAsync(Deadline)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(twilio.Sent.Select(m => m.Body), Is.EqualTo(new[] { "for no hold" }));

        second.SetResult();
        Assert.That((await secondSend.WaitAsync(Deadline)).StatusCode, Is.EqualTo(HttpStatusCode.Created));

        // A hold catches one send: the second's contact again goes at once, the first's is caught by the first hold.
        Assert.That((await SendAsync("+393330000002", "again, no hold left").WaitAsync(Deadline)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var firstSend = SendAsync("+393330000001", "for the first hold");
        await Poll.UntilAsync(() => Task.FromResult(twilio.RequestPaths.Count), n => n == 4, Deadline, "the first hold's send at Twilio");
        Assert.That(twilio.Sent.Select(m => m.Body), Is.EqualTo(new[] { "for no hold", "for the second hold", "again, no hold left" }));
        first.SetResult();
        Assert.That((await firstSend.WaitAsync(Deadline)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(twilio.Sent.Select(m => m.Body).Last(), Is.EqualTo("for the first hold"));
    }
}
