using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;

namespace Consultant.Web.Flows;

/// <summary>
/// "Preview in the simulator": a new simulated lead's conversation with the flow started, its first question waiting
/// in the simulator. Simulated conversations have no 24-hour window and nothing reaches WhatsApp. The conversation
/// grain starts it (as the Start flow action does), since a new lead's conversation does not exist before it.
/// </summary>
public sealed class FlowPreview(IGrainFactory grains)
{
    /// <returns>The simulated lead's number (E.164) and why it could not start, if it could not.</returns>
    public async Task<(string Phone, string? Problem)> StartAsync(Guid consultantId, Guid flowId, string country, CancellationToken cancellationToken)
    {
        var phone = NewLeadNumber(country);
        var grain = grains.GetGrain<IConversationGrain>(ConversationKey.Format(consultantId, ConversationKey.Simulated(phone)));
        var started = await grain.StartFlowAsync(flowId, cancellationToken);
        return (phone, started.Outcome == FlowStartOutcome.Started ? null : started.Problem ?? started.Outcome.ToString());
    }

    /// <summary>A number of the consultant's country no earlier preview is likely to have used.</summary>
    private static string NewLeadNumber(string country)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var example = PhoneNumberNormalizer.ExampleNumber(country, 0).Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            var digits = Random.Shared.Next(0, 10_000).ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
            if (example.Length > 6 && PhoneNumberNormalizer.TryNormalize(example[..^4] + digits, out var phone, country))
            {
                return phone;
            }
        }

        PhoneNumberNormalizer.TryNormalize(PhoneNumberNormalizer.ExampleNumber(country, Random.Shared.Next(100)), out var fallback, country);
        return fallback;
    }
}
