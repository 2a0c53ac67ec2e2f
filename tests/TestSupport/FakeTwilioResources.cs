using System.Text.Json.Nodes;

namespace Consultant.TestSupport;

public sealed record FakeTwilioMessage(string Sid, string AccountSid, string From, string To, string Body, string Direction, DateTimeOffset DateSent)
{
    /// <summary>The StatusCallback URL the send asked for, if any.</summary>
    public string? StatusCallback { get; init; }

    /// <summary>A template send: its Content SID and ContentVariables (JSON).</summary>
    public string? ContentSid { get; init; }

    public string? ContentVariables { get; init; }

    /// <summary>The MediaUrl a send asked Twilio to attach.</summary>
    public string? MediaUrl { get; init; }

    /// <summary>Inbound: the sids of its media (served at the Media list and each media URL).</summary>
    public IReadOnlyList<string> MediaSids { get; init; } = [];
}

/// <summary>A Content resource created through the Content API: its sid and the request's JSON as Twilio received it.</summary>
public sealed record FakeTwilioContent(string Sid, string AccountSid, JsonObject Request)
{
    /// <summary>The one content type of the resource (twilio/quick-reply, twilio/list-picker) and its object.</summary>
    public (string Type, JsonObject Body) Type
    {
        get
        {
            var type = Request["types"]!.AsObject().Single();
            return (type.Key, type.Value!.AsObject());
        }
    }
}

/// <summary>
/// A media file as Twilio serves it. <see cref="NotFoundTimes"/>: answered 404 that many times first (Twilio still
/// preparing it); <see cref="RedirectTo"/>: answered with a 307 to that address instead (as Twilio does to its CDN).
/// </summary>
public sealed record FakeTwilioMedia(string AccountSid, string MessageSid, string Sid, byte[] Content, string ContentType)
{
    public int NotFoundTimes { get; init; }

    public string? RedirectTo { get; init; }
}
