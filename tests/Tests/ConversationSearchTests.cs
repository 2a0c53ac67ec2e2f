using Consultant.Grains.Abstractions;
using Consultant.Grains.Inbox;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// The conversation list asked of the database and the dashboard's live list (a conversation that changed on screen)
/// keep the same conversations: both follow <see cref="ConversationSearch"/>.
/// </summary>
public sealed class ConversationSearchTests : HostFixture
{
    private static readonly ConversationFilter[] RowFilters =
        [ConversationFilter.All, ConversationFilter.Leads, ConversationFilter.Clients, ConversationFilter.Unread, ConversationFilter.NeedsReply];

    private static readonly string?[] Searches =
    [
        null, "", "   ", "lara", " LARA ", "lara lima", "+55 11 9876", "(011) 98765-0001", "9876", "0002", "100%", "under_", "_", "%",
        "5511x", "marco 1", "12025550177", "lima 55", "+", "()", "0039 347 000 0002", "347 000 0002", "0039 348 000 0002",
        "0055 11 98765", "0044 347 000 0002", "+0039 347",
    ];

    [Test]
    public async Task The_list_query_and_the_live_list_keep_the_same_conversations_for_every_search_and_filter()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        await AddAsync(consultant.Id, "+5511987650001", "Lara Lima", isLead: false, needsReply: true, unread: 2);
        await AddAsync(consultant.Id, "+393470000002", "Marco 100%", isLead: true, needsReply: false, unread: 0);
        await AddAsync(consultant.Id, "US.1234567890123456789", "Under_Score", isLead: true, needsReply: true, unread: 1);
        await AddAsync(consultant.Id, ConversationKey.SimulatorPrefix + "+12025550177", null, isLead: true, needsReply: false, unread: 3);
        var service = Host.Services.GetRequiredService<ConversationService>();
        var all = (await service.ListAsync(consultant.Id, ConversationFilter.All, null, 1, 50)).Items.Select(i => i.Conversation).ToList();
        Assert.That(all, Has.Count.EqualTo(4));

        foreach (var filter in RowFilters)
        {
            foreach (var search in Searches)
            {
                var listed = (await service.ListAsync(consultant.Id, filter, search, 1, 50)).Items.Select(i => i.Conversation.ContactPhone);
                var kept = all.Where(c => ConversationSearch.InFilter(c, filter) && ConversationSearch.Matches(c, search)).Select(c => c.ContactPhone);
                Assert.That(kept.Order().ToArray(), Is.EqualTo(listed.Order().ToArray()), $"filter {filter}, search '{search}'");
            }
        }

        // What the rule is, so the agreement above is not an agreement on nothing.
        Assert.Multiple(() =>
        {
            Assert.That(Kept(all, " LARA "), Is.EqualTo(new[] { "+5511987650001" }), "a name, trimmed, any case");
            Assert.That(Kept(all, "(011) 98765-0001"), Is.EqualTo(new[] { "+5511987650001" }), "Brazil's national 0 before the area code, as the country code replaces it");
            Assert.That(Kept(all, "0039 347 000 0002"), Is.EqualTo(new[] { "+393470000002" }), "the international 00 instead of +");
            Assert.That(Kept(all, "347 000 0002"), Is.EqualTo(new[] { "+393470000002" }), "an Italian number without the country code");
            Assert.That(Kept(all, "0039 348 000 0002"), Is.Empty, "one digit different is someone else");
            Assert.That(Kept(all, "0044 347 000 0002"), Is.Empty, "another country's code is someone else");
            Assert.That(Kept(all, "0001 5511"), Is.Empty, "the digits in the order typed");
            Assert.That(Kept(all, "+55 11 9876"), Is.EqualTo(new[] { "+5511987650001" }), "a number, written as people write it");
            Assert.That(Kept(all, "12025550177"), Is.EqualTo(new[] { ConversationKey.SimulatorPrefix + "+12025550177" }), "a simulated contact too");
            Assert.That(Kept(all, "100%"), Is.EqualTo(new[] { "+393470000002" }), "% is a character, not a wildcard");
            Assert.That(Kept(all, "_"), Is.EqualTo(new[] { "US.1234567890123456789" }), "_ too");
            Assert.That(Kept(all, "lima 55"), Is.Empty, "name and number are not mixed");
        });
    }

    private static string[] Kept(IEnumerable<ConversationView> conversations, string search) =>
        conversations.Where(c => ConversationSearch.Matches(c, search)).Select(c => c.ContactPhone).ToArray();

    private Task AddAsync(Guid consultantId, string phone, string? name, bool isLead, bool needsReply, int unread) =>
        Db.ScalarAsync<int>(
            Host.ConnectionString,
            """
            INSERT INTO conversations (id, consultant_id, contact_phone, display_name, is_lead, needs_reply, unread_count, updated_at)
            VALUES (@id, @consultantId, @phone, @name, @isLead, @needsReply, @unread, now())
            """,
            ("id", Guid.NewGuid()), ("consultantId", consultantId), ("phone", phone), ("name", (object?)name ?? DBNull.Value),
            ("isLead", isLead), ("needsReply", needsReply), ("unread", unread));
}
