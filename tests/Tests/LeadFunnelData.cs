using Consultant.Grains.Abstractions;
using Consultant.Grains.Analytics;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// Conversations and messages written straight into the test database at chosen times, with the funnel recording what
/// the pipeline would (a lead's message through <see cref="LeadStageEvents.RecordLeadMessageAsync"/>).
/// </summary>
internal sealed class LeadFunnelData(SiloHost host, Guid consultantId)
{
    private LeadStageEvents Events => host.Services.GetRequiredService<LeadStageEvents>();

    /// <summary>A conversation row: a lead's, a converted lead's (<paramref name="convertedAt"/>), or a client's.</summary>
    public Task AddConversationAsync(string phone, bool isLead = true, DateTimeOffset? convertedAt = null) =>
        Db.ExecuteAsync(host.ConnectionString, $"""
            INSERT INTO conversations (id, consultant_id, contact_phone, is_lead, lead_converted_at, updated_at)
            VALUES ('{ConversationKey.IdFor(consultantId, phone)}', '{consultantId}', '{phone}', {isLead},
                    {(convertedAt is { } at ? $"'{at:O}'" : "NULL")}, now())
            """);

    /// <summary>The lead writes at <paramref name="at"/>, as the pipeline would store it and tell the funnel.</summary>
    public async Task LeadWritesAsync(string phone, DateTimeOffset at)
    {
        await AddMessageAsync(phone, "inbound", "lead", "received", at);
        await Events.RecordLeadMessageAsync(consultantId, phone, at);
    }

    /// <summary>
    /// An outbound message's origin follows its sender (the ledger refuses an outbound row without one). An inbound one
    /// is handled when written: history, not a message owed a reply (the conversation would take it back and answer it).
    /// </summary>
    public Task AddMessageAsync(string phone, string direction, string sender, string status, DateTimeOffset at)
    {
        var origin = direction == "inbound" ? "NULL" : sender == "consultant" ? "'consultant'" : "'ai'";
        return Db.ExecuteAsync(host.ConnectionString, $"""
            INSERT INTO messages (id, consultant_id, contact_phone, direction, sender, body, status, created_at, origin, handled_at)
            VALUES ('{Guid.NewGuid()}', '{consultantId}', '{phone}', '{direction}', '{sender}', 'hello', '{status}', '{at:O}', {origin},
                    {(direction == "inbound" ? $"'{at:O}'" : "NULL")})
            """);
    }

    /// <summary>A new lead: the conversation and their first message.</summary>
    public async Task NewLeadAsync(string phone, DateTimeOffset firstMessageAt)
    {
        await AddConversationAsync(phone);
        await LeadWritesAsync(phone, firstMessageAt);
    }

    public Task<bool> ReachAsync(string phone, string stage, DateTimeOffset at, string source = LeadStageSource.Consultant) =>
        Events.RecordAsync(consultantId, phone, stage, at, source);

    public async Task<IReadOnlyList<string>> StagesAsync(string phone) =>
        (await Events.ListAsync(consultantId, phone)).Select(e => $"{e.Stage}:{e.Source}").ToList();
}
