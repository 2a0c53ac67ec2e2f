using Consultant.Grains.FollowUps;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Consultant.Tests;

/// <summary>
/// The follow-ups' sweep of a test host woken explicitly at a chosen moment (a <see cref="FakeTimeProvider"/>): what the
/// sweeper grain's reminder does, with the clock in the test's hands. Quiet hours at send time are off unless given;
/// those applied when a follow-up is scheduled are the host's (<c>FollowUps:QuietHours*</c>).
/// </summary>
internal static class FollowUpClock
{
    public static Task<int> SweepAtAsync(SiloHost host, DateTimeOffset at, string quietStart = "00:00", string quietEnd = "00:00")
    {
        var time = new FakeTimeProvider(at.ToUniversalTime());
        var options = Options.Create(new FollowUpOptions { QuietHoursStart = quietStart, QuietHoursEnd = quietEnd, Parallelism = 4 });
        var quietHours = ActivatorUtilities.CreateInstance<FollowUpQuietHours>(host.Services, options);
        var sender = ActivatorUtilities.CreateInstance<FollowUpSender>(host.Services, time, quietHours);
        var sweep = ActivatorUtilities.CreateInstance<FollowUpSweep>(host.Services, sender, time, options);
        return sweep.RunAsync(CancellationToken.None);
    }

    public const string TemplateSid = "HX0123456789abcdef0123456789abcdef";

    /// <summary>The rule as its default, switched on, with a template when asked.</summary>
    public static FollowUpRule On(string key, bool template = false, IReadOnlyDictionary<string, string>? variables = null) =>
        FollowUpRuleDefaults.All[key] with
        {
            Enabled = true,
            Template = template ? new FollowUpTemplate(TemplateSid, variables ?? new Dictionary<string, string> { ["1"] = "{name}" }) : null,
        };
}
