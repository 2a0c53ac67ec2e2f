using System.Text.RegularExpressions;
using Consultant.Grains.Ai;
using Consultant.Grains.Twilio;

namespace Consultant.Tests;

/// <summary>Every reason a reply was not made or not delivered ends with what resolves it.</summary>
public sealed partial class ReasonTextTests
{
    private static readonly int[] TwilioCodes = [20003, 20404, 20005, 20429, 63016, 63018, 21211, 21610, 63019, 63003, 63024, 30008, 131049, 63049, 131050, 99999];

    [Test]
    public void Twilio_refusals_and_delivery_failures_end_with_the_action_after_the_error_code()
    {
        foreach (var code in TwilioCodes)
        {
            Assert.That(TwilioErrorText.Describe(400, code, "Twilio's own words."), Does.Match(ActionAfterCode()), $"send, code {code}");
            Assert.That(TwilioErrorText.DescribeDelivery(code), Does.Match(ActionAfterCode()), $"delivery, code {code}");
        }

        Assert.That(TwilioErrorText.Describe(503, 0, "Service Unavailable"), Does.EndWith("Try again in a minute."));
        Assert.That(TwilioErrorText.DescribeDelivery(63016), Does.EndWith("Send one of your templates from the chat."));
        Assert.That(TwilioErrorText.Unreachable("Connection refused"), Does.EndWith("then try again."));
    }

    [Test]
    public void Ai_problems_end_with_what_to_do()
    {
        Assert.That(AiProblemText.NoPoolKey, Does.EndWith("switch on \"Answer leads with my own AI key\"."));
        Assert.That(AiProblemText.NoOwnKeyForLeads, Does.EndWith("switch that setting off to use the shared keys."));
        Assert.That(AiProblemText.NoKeyForClients, Does.EndWith("or reply by hand."));
        Assert.That(AiProblemText.KeyRejected(ownKey: false, 403), Does.EndWith("or reply by hand."));
        Assert.That(AiProblemText.NotAnswering(3, "The AI service answered HTTP 500."), Does.EndWith("once the AI service is back."));
        Assert.That(AiProblemText.NotAnswering(3, AiProblemText.CallFailed(0)), Does.Contain("could not be reached").And.Not.Contain("HTTP 0"));
        Assert.That(AiProblemText.CallFailed(500), Is.EqualTo("The AI service answered HTTP 500."));
        Assert.That(AiProblemText.PoolKeysResting("The AI service answered HTTP 429."), Does.EndWith("\"Answer leads with my own AI key\"."));
        Assert.That(PoolQuota.Exhausted(20), Does.EndWith("or reply by hand."));
    }

    /// <summary>"… (Twilio error 63016…). Send one of your templates from the chat."</summary>
    [GeneratedRegex(@"\(Twilio error \d+[^)]*\)\. [A-Z][^()]+\.$")]
    private static partial Regex ActionAfterCode();
}
