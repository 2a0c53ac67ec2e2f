using System.Reflection;
using Consultant.Grains.Abstractions;
using Orleans.Concurrency;

namespace Consultant.Tests;

/// <summary>
/// Every webhook's signature check and every answer ask the consultant grain for the reply settings; a read of the
/// account's language inside one such turn (cached for seconds) used to queue all the others behind it, which showed as
/// stalls of the replies under load (bench/NOTES.md, session 21). The reads are read-only turns, so they run side by side.
/// </summary>
public sealed class ConsultantSettingsReadsSideBySideTests
{
    [TestCase(nameof(IConsultantGrain.GetReplySettingsAsync))]
    [TestCase(nameof(IConsultantGrain.GetSimulatorReplySettingsAsync))]
    public void The_reply_settings_reads_interleave(string method) =>
        Assert.That(typeof(IConsultantGrain).GetMethod(method)!.GetCustomAttribute<ReadOnlyAttribute>(), Is.Not.Null, method);
}
