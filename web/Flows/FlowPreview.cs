using System.Globalization;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Consultant.Grains.Flows;

namespace Consultant.Web.Flows;

/// <summary>
/// "Preview in the simulator": the consultant's preview lead (a simulated number of their country, the same every
/// time) with the flow started afresh, its first question waiting in the simulator. Previews and their restarts reuse
/// that one lead instead of adding another to the Inbox each time: its flow answers are forgotten and "needs reply"
/// cleared; its messages stay (the conversation's history), and the simulator shows the run from its start. Simulated
/// conversations have no 24-hour window and nothing reaches WhatsApp. The conversation grain starts the flow (as the
/// Start flow action does), since a new lead's conversation does not exist before it.
/// </summary>
public sealed class FlowPreview(IGrainFactory grains, LeadAnswerStore answers)
{
    /// <returns>The preview lead's number (E.164), when this run started, and why it could not start, if it could not.</returns>
    public Task<(string Phone, DateTimeOffset? StartedAt, string? Problem)> StartAsync(
        Guid consultantId, Guid flowId, string country, CancellationToken cancellationToken) =>
        RestartAsync(consultantId, flowId, PreviewNumber(consultantId, country), cancellationToken);

    /// <summary>The simulator's Restart: the same simulated lead (<paramref name="phone"/>) from the flow's first question again.</summary>
    public async Task<(string Phone, DateTimeOffset? StartedAt, string? Problem)> RestartAsync(
        Guid consultantId, Guid flowId, string phone, CancellationToken cancellationToken)
    {
        var address = ConversationKey.Simulated(phone);
        var grain = grains.GetGrain<IConversationGrain>(ConversationKey.Format(consultantId, address));
        await answers.ForgetSimulatedAsync(consultantId, address);
        await grain.ClearNeedsReplyAsync(); // "the contact asked for you" of an earlier run
        var started = await grain.StartFlowAsync(flowId, cancellationToken);
        return started.Outcome == FlowStartOutcome.Started
            ? (phone, started.Position?.StartedAt, null)
            : (phone, null, started.Problem ?? started.Outcome.ToString());
    }

    /// <summary>A number of the consultant's country made from their id: the same preview lead every time.</summary>
    private static string PreviewNumber(Guid consultantId, string country)
    {
        var seed = BitConverter.ToUInt32(consultantId.ToByteArray(), 0) % 10_000;
        var example = PhoneNumberNormalizer.ExampleNumber(country, 0).Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        for (var attempt = 0u; attempt < 20; attempt++)
        {
            var digits = ((seed + attempt * 7_919) % 10_000).ToString("0000", CultureInfo.InvariantCulture);
            if (example.Length > 6 && PhoneNumberNormalizer.TryNormalize(example[..^4] + digits, out var phone, country))
            {
                return phone;
            }
        }

        PhoneNumberNormalizer.TryNormalize(PhoneNumberNormalizer.ExampleNumber(country, (int)(seed % 100)), out var fallback, country);
        return fallback;
    }
}
