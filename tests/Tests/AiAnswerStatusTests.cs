using Consultant.Grains.Abstractions;
using Consultant.Grains.Ai;

namespace Consultant.Tests;

/// <summary>
/// Whether the AI can answer a lead or a client, as the reply path picks its key: clients with the consultant's own key,
/// leads with the shared pool unless "Answer leads with my own AI key" is on. The Overview, the chat header and the
/// simulator all ask this.
/// </summary>
public sealed class AiAnswerStatusTests
{
    [TestCase(false, false, true, AiAnswerBlock.PoolEmpty, AiAnswerBlock.NoOwnKey)] // a new account on a new installation
    [TestCase(true, false, true, AiAnswerBlock.PoolEmpty, AiAnswerBlock.None)] // own key: the clients only
    [TestCase(true, true, true, AiAnswerBlock.None, AiAnswerBlock.None)] // leads on their own key too: the pool does not matter
    [TestCase(false, false, false, AiAnswerBlock.None, AiAnswerBlock.NoOwnKey)] // the pool answers leads, nothing the clients
    [TestCase(false, true, false, AiAnswerBlock.NoOwnKey, AiAnswerBlock.NoOwnKey)] // leads on an own key that is not there
    public void Leads_and_clients_are_blocked_where_their_key_is_missing(
        bool hasOwnKey, bool leadsWithOwnKey, bool poolEmpty, AiAnswerBlock leads, AiAnswerBlock clients)
    {
        var status = new AiAnswerStatus(new AiSettingsView(hasOwnKey, hasOwnKey ? "1234" : null, leadsWithOwnKey, null), poolEmpty);
        Assert.Multiple(() =>
        {
            Assert.That(status.ForLeads, Is.EqualTo(leads), "leads");
            Assert.That(status.ForClients, Is.EqualTo(clients), "clients");
        });
    }
}
