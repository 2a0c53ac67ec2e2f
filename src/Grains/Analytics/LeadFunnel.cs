namespace Consultant.Grains.Analytics;

/// <summary>
/// Where a lead's stages are recorded: automatically from the conversation (<see cref="LeadFunnelHook"/>, and the
/// conversion when its list row is written), and by the capabilities that know more: a guided flow that collected a
/// goal and a valid e-mail calls <see cref="MarkQualifiedAsync"/>, a booking <see cref="MarkBookedAsync"/>, the
/// consultant's choice goes through <see cref="ConversationLeadStages"/>. Each stage is recorded once per lead.
/// <c>contactPhone</c> is the conversation's address, as the hooks give it (<c>sim:</c> included).
/// </summary>
public sealed class LeadFunnel(LeadStageEvents events, EngagedLeads engaged, TimeProvider time)
{
    /// <param name="source"><see cref="LeadStageSource.Flow"/> for a guided flow, <see cref="LeadStageSource.Consultant"/> by hand.</param>
    /// <returns>Whether it was recorded now (false: reached before, or the contact is not a lead).</returns>
    public Task<bool> MarkQualifiedAsync(Guid consultantId, string contactPhone, string source) =>
        MarkAsync(consultantId, contactPhone, LeadStage.Qualified, source);

    /// <param name="source"><see cref="LeadStageSource.Booking"/> for a booked consultation.</param>
    /// <returns>Whether it was recorded now (false: reached before, or the contact is not a lead).</returns>
    public Task<bool> MarkBookedAsync(Guid consultantId, string contactPhone, string source) =>
        MarkAsync(consultantId, contactPhone, LeadStage.Booked, source);

    /// <summary>Records <paramref name="stage"/> now, unless the lead reached it before.</summary>
    public Task<bool> MarkAsync(Guid consultantId, string contactPhone, string stage, string source)
    {
        if (LeadStage.Rank(stage) < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(stage), stage, $"A lead's stage is {LeadStage.AllText}.");
        }

        if (!LeadStageSource.IsKnown(source))
        {
            throw new ArgumentOutOfRangeException(nameof(source), source, "auto, consultant, flow or booking.");
        }

        return events.RecordAsync(consultantId, contactPhone, stage, time.GetUtcNow(), source);
    }

    /// <summary>
    /// A lead's message was stored: their first is <see cref="LeadStage.New"/>, one after an answer <see cref="LeadStage.Engaged"/>.
    /// Nothing to write for a lead known to be engaged already (<see cref="EngagedLeads"/>).
    /// </summary>
    public async Task LeadWroteAsync(Guid consultantId, string contactPhone, DateTimeOffset at)
    {
        if (engaged.Contains(consultantId, contactPhone))
        {
            return;
        }

        if (await events.RecordLeadMessageAsync(consultantId, contactPhone, at))
        {
            engaged.Add(consultantId, contactPhone);
        }
    }

    /// <summary>The conversation learnt at <paramref name="at"/> that its lead became a client.</summary>
    public Task ConvertedAsync(Guid consultantId, string contactPhone, DateTimeOffset at) =>
        events.RecordAsync(consultantId, contactPhone, LeadStage.Converted, at, LeadStageSource.Auto);
}
