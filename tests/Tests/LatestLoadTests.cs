using Consultant.Web.Shared;

namespace Consultant.Tests;

/// <summary>A list loaded twice keeps the answer to the newer request, whichever answer arrives last.</summary>
public sealed class LatestLoadTests
{
    [Test]
    public async Task An_older_answer_arriving_last_is_not_the_latest()
    {
        var loads = new LatestLoad();
        var slowFirst = new TaskCompletionSource<string>();
        var quickSecond = new TaskCompletionSource<string>();

        var first = loads.RunAsync(() => slowFirst.Task);
        var second = loads.RunAsync(() => quickSecond.Task);
        quickSecond.SetResult("with the new client");
        slowFirst.SetResult("empty");

        Assert.That(await second, Is.EqualTo((true, "with the new client")));
        Assert.That(await first, Is.EqualTo((false, "empty")));
    }

    [Test]
    public async Task A_load_alone_is_the_latest_and_the_next_one_is_too()
    {
        var loads = new LatestLoad();
        Assert.That(await loads.RunAsync(() => Task.FromResult(1)), Is.EqualTo((true, 1)));
        Assert.That(await loads.RunAsync(() => Task.FromResult(2)), Is.EqualTo((true, 2)));
    }
}
