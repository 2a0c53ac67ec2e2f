using System.Collections.Concurrent;
using System.Diagnostics;

namespace Consultant.Tests;

/// <summary>
/// Every command the product sends while listening, as its SQL text, from Npgsql's own tracing (its <c>Npgsql</c>
/// activity source, one activity a command): how a test counts the round trips of a path.
/// <code>
/// using (NpgsqlCommandLog.Listen(commands)) { ... }
/// </code>
/// </summary>
internal static class NpgsqlCommandLog
{
    public static ActivityListener Listen(ConcurrentQueue<string> commands)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("db.query.text") is string text)
                {
                    commands.Enqueue(text);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
