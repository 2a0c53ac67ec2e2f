using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Consultant.TestSupport;

/// <summary>
/// Twilio's REST API as an HTTP server on loopback, in Twilio's wire format (form posts in, JSON resources out,
/// HTTP Basic auth with Account SID and Auth Token, error bodies with code/message/more_info/status).
/// The production SDK talks to it.
/// </summary>
public sealed partial class FakeTwilio : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> nextSids = new();
    private readonly ConcurrentDictionary<string, string> statuses = new();
    private readonly ConcurrentQueue<TaskCompletionSource> heldResponses = new();
    private readonly List<(Func<string, string, bool> Which, TaskCompletionSource Release)> heldSends = []; // oldest first, under holdsLock
    private readonly Lock holdsLock = new();
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, string> accounts = new();
    private readonly ConcurrentQueue<(int Status, int Code, string Message)> sendFailures = new();
    private readonly ConcurrentDictionary<string, FakeTwilioMedia> media = new();
    private readonly ConcurrentDictionary<string, int> mediaRequests = new();
    private readonly ConcurrentQueue<(int Status, int Code, string Message)> contentFailures = new();
    private int sequence;
    private int dropSends;

    /// <summary>The Authorization header of each media request (null when none was sent).</summary>
    public ConcurrentQueue<string?> MediaAuthorizations { get; } = new();

    public ConcurrentQueue<string> RequestPaths { get; } = new();

    /// <summary>Every message Twilio knows: inbound ones added by tests, outbound ones created through the API.</summary>
    public ConcurrentQueue<FakeTwilioMessage> Messages { get; } = new();

    public IReadOnlyList<FakeTwilioMessage> Sent => Messages.Where(m => m.Direction == "outbound-api").ToList();

    /// <summary>Every Content resource created (Content API, POST /v1/Content).</summary>
    public ConcurrentQueue<FakeTwilioContent> Contents { get; } = new();

    public Uri BaseUrl { get; }

    private FakeTwilio(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<FakeTwilio> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeTwilio(app, new Uri($"http://127.0.0.1:{port}"));
        app.MapGet("/2010-04-01/Accounts/{sid}.json", fake.FetchAccount);
        app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", fake.CreateMessage);
        app.MapGet("/2010-04-01/Accounts/{sid}/Messages.json", fake.ListMessages);
        app.MapGet("/2010-04-01/Accounts/{sid}/Messages/{messageSid}/Media.json", fake.ListMedia);
        app.MapGet("/2010-04-01/Accounts/{sid}/Messages/{messageSid}/Media/{mediaSid}", fake.GetMedia);
        app.MapPost("/v1/Content", (Delegate)fake.CreateContent); // content.twilio.com's path (Twilio:ContentBaseUrl points here)
        await app.StartAsync();
        return fake;
    }

    public void AddAccount(string accountSid, string authToken) => accounts[accountSid] = authToken;

    /// <summary>A message a contact sent, as the poller will find it. Returns its MessageSid.</summary>
    public string AddInbound(string accountSid, string from, string to, string body, DateTimeOffset dateSent, string? sid = null)
    {
        sid ??= NewSid();
        Messages.Enqueue(new FakeTwilioMessage(sid, accountSid, "whatsapp:" + from, "whatsapp:" + to, body, "inbound", dateSent));
        return sid;
    }

    /// <summary>A file Twilio holds for an inbound message; returns the URL a webhook announces as MediaUrlN.</summary>
    public string AddMedia(string accountSid, byte[] content, string contentType, int notFoundTimes = 0, string? redirectTo = null, string? messageSid = null)
    {
        var file = new FakeTwilioMedia(accountSid, messageSid ?? NewSid(), "ME" + Guid.NewGuid().ToString("N"), content, contentType)
        {
            NotFoundTimes = notFoundTimes,
            RedirectTo = redirectTo,
        };
        media[file.Sid] = file;
        return MediaUrl(file);
    }

    /// <summary>How many times the file at <paramref name="url"/> was requested.</summary>
    public int MediaRequestCount(string url) => mediaRequests.GetValueOrDefault(url.Split('/')[^1]);

    /// <summary>An inbound message with media, as the poller finds it (its Media list holds the files).</summary>
    public string AddInboundWithMedia(string accountSid, string from, string to, string body, DateTimeOffset dateSent, params (byte[] Content, string ContentType)[] files)
    {
        var sid = NewSid();
        var sids = files.Select(f => new Uri(AddMedia(accountSid, f.Content, f.ContentType, messageSid: sid)).Segments[^1]).ToList();
        Messages.Enqueue(new FakeTwilioMessage(sid, accountSid, "whatsapp:" + from, "whatsapp:" + to, body, "inbound", dateSent) { MediaSids = sids });
        return sid;
    }

    private string MediaUrl(FakeTwilioMedia file) =>
        $"{BaseUrl.ToString().TrimEnd('/')}/2010-04-01/Accounts/{file.AccountSid}/Messages/{file.MessageSid}/Media/{file.Sid}";

    /// <summary>Where a sent message stands, as Twilio's message list reports it (for polling installs).</summary>
    public void SetStatus(string messageSid, string status) => statuses[messageSid] = status;

    /// <summary>The next send gets this sid (to deliver a status callback for it before the send returns).</summary>
    public void UseSidForNextSend(string sid) => nextSids.Enqueue(sid);

    public static string NewSid() => "SM" + Guid.NewGuid().ToString("N");

    private IResult FetchAccount(string sid, HttpContext http)
    {
        RequestPaths.Enqueue(http.Request.Path);
        if (!Authenticated(http, sid))
        {
            return Error(401, 20003, "Authenticate");
        }

        var now = Rfc1123(DateTimeOffset.UtcNow);
        return Results.Json(new Dictionary<string, object?>
        {
            ["sid"] = sid,
            ["owner_account_sid"] = sid,
            ["friendly_name"] = "Test account",
            ["status"] = "active",
            ["type"] = "Full",
            ["date_created"] = now,
            ["date_updated"] = now,
            ["auth_token"] = "redacted",
            ["uri"] = $"/2010-04-01/Accounts/{sid}.json",
            ["subresource_uris"] = new Dictionary<string, string>(),
        });
    }

    private async Task<IResult> CreateMessage(string sid, HttpContext http)
    {
        RequestPaths.Enqueue(http.Request.Path);
        if (!Authenticated(http, sid))
        {
            return Error(401, 20003, "Authenticate");
        }

        if (TakeOne(ref dropSends))
        {
            http.Abort();
            return Results.Empty;
        }

        if (sendFailures.TryDequeue(out var failure))
        {
            return Error(failure.Status, failure.Code, failure.Message);
        }

        var form = await http.Request.ReadFormAsync();
        if (string.IsNullOrEmpty(form["To"]) || string.IsNullOrEmpty(form["From"]))
        {
            return Error(400, 21604, "A 'To' and a 'From' phone number are required.");
        }

        if (string.IsNullOrEmpty(form["Body"]) && string.IsNullOrEmpty(form["ContentSid"]) && string.IsNullOrEmpty(form["MediaUrl"]))
        {
            return Error(400, 21602, "Message body is required.");
        }

        if (TakeHold(form["To"].ToString(), form["Body"].ToString()) is { } release)
        {
            await release.Task;
            if (http.RequestAborted.IsCancellationRequested)
            {
                return Results.Empty;
            }
        }

        var message = new FakeTwilioMessage(nextSids.TryDequeue(out var chosen) ? chosen : NewSid(), sid, form["From"]!, form["To"]!, form["Body"].ToString(), "outbound-api", DateTimeOffset.UtcNow)
        {
            StatusCallback = string.IsNullOrEmpty(form["StatusCallback"]) ? null : form["StatusCallback"].ToString(),
            ContentSid = string.IsNullOrEmpty(form["ContentSid"]) ? null : form["ContentSid"].ToString(),
            ContentVariables = string.IsNullOrEmpty(form["ContentVariables"]) ? null : form["ContentVariables"].ToString(),
            MediaUrl = string.IsNullOrEmpty(form["MediaUrl"]) ? null : form["MediaUrl"].ToString(),
        };
        Messages.Enqueue(message);
        if (heldResponses.TryDequeue(out var held))
        {
            await held.Task;
        }

        return Results.Json(ToResource(message, "queued"), statusCode: 201);
    }

    /// <summary>
    /// Content API: JSON in (friendly_name, language, variables, types), the resource out with an HX sid. Checks what
    /// Twilio checks for the two interactive types: a body, 1 to 10 actions or items, each with its title (item) and id.
    /// </summary>
    private async Task<IResult> CreateContent(HttpContext http)
    {
        RequestPaths.Enqueue(http.Request.Path);
        var accountSid = BasicUser(http);
        if (accountSid is null || !Authenticated(http, accountSid))
        {
            return Error(401, 20003, "Authenticate");
        }

        if (contentFailures.TryDequeue(out var failure))
        {
            return Error(failure.Status, failure.Code, failure.Message);
        }

        if (await JsonNode.ParseAsync(http.Request.Body) is not JsonObject request
            || request["types"] is not JsonObject { Count: 1 } types)
        {
            return Error(400, 20001, "Invalid content: types is required");
        }

        var (type, body) = (types.Single().Key, types.Single().Value as JsonObject);
        var entries = body?[type == "twilio/quick-reply" ? "actions" : "items"] as JsonArray;
        var label = type == "twilio/quick-reply" ? "title" : "item";
        if (type is not ("twilio/quick-reply" or "twilio/list-picker") || string.IsNullOrEmpty(body?["body"]?.ToString())
            || entries is not { Count: >= 1 and <= 10 } || entries.Any(e => string.IsNullOrEmpty(e?[label]?.ToString()) || string.IsNullOrEmpty(e?["id"]?.ToString()))
            || (type == "twilio/list-picker" && string.IsNullOrEmpty(body?["button"]?.ToString())))
        {
            return Error(400, 20001, "Invalid content");
        }

        var content = new FakeTwilioContent("HX" + Guid.NewGuid().ToString("N"), accountSid, request);
        Contents.Enqueue(content);
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return Results.Json(new Dictionary<string, object?>
        {
            ["sid"] = content.Sid,
            ["account_sid"] = accountSid,
            ["friendly_name"] = request["friendly_name"]?.ToString(),
            ["language"] = request["language"]?.ToString(),
            ["variables"] = request["variables"],
            ["types"] = types,
            ["url"] = $"https://content.twilio.com/v1/Content/{content.Sid}",
            ["date_created"] = now,
            ["date_updated"] = now,
            ["links"] = new Dictionary<string, string> { ["approval_fetch"] = $"https://content.twilio.com/v1/Content/{content.Sid}/ApprovalRequests" },
        }, statusCode: 201);
    }

    private IResult ListMessages(string sid, HttpContext http)
    {
        RequestPaths.Enqueue(http.Request.Path + http.Request.QueryString);
        if (!Authenticated(http, sid))
        {
            return Error(401, 20003, "Authenticate");
        }

        var query = http.Request.Query;
        var after = query.TryGetValue("DateSent>", out var raw) ? DateTimeOffset.Parse(raw!, CultureInfo.InvariantCulture) : DateTimeOffset.MinValue;
        var matches = Messages
            .Where(m => m.AccountSid == sid && (string.IsNullOrEmpty(query["To"]) || m.To == query["To"])
                && (string.IsNullOrEmpty(query["From"]) || m.From == query["From"]) && m.DateSent >= after)
            .OrderByDescending(m => m.DateSent)
            .Select(m => ToResource(m, m.Direction == "inbound" ? "received" : statuses.GetValueOrDefault(m.Sid, "sent")))
            .ToList();
        return OnePage("messages", matches, $"/2010-04-01/Accounts/{sid}/Messages.json");
    }

    /// <summary>Twilio's list wrapper: everything on one page.</summary>
    private static IResult OnePage(string key, IReadOnlyCollection<Dictionary<string, object?>> items, string uri) => Results.Json(new Dictionary<string, object?>
    {
        [key] = items,
        ["end"] = Math.Max(0, items.Count - 1),
        ["first_page_uri"] = uri + "?PageSize=50&Page=0",
        ["next_page_uri"] = null,
        ["page"] = 0,
        ["page_size"] = 50,
        ["previous_page_uri"] = null,
        ["start"] = 0,
        ["uri"] = uri,
    });

    private IResult ListMedia(string sid, string messageSid, HttpContext http)
    {
        RequestPaths.Enqueue(http.Request.Path);
        if (!Authenticated(http, sid))
        {
            return Error(401, 20003, "Authenticate");
        }

        var uri = $"/2010-04-01/Accounts/{sid}/Messages/{messageSid}/Media.json";
        var files = media.Values.Where(m => m.AccountSid == sid && m.MessageSid == messageSid).Select(m => new Dictionary<string, object?>
        {
            ["account_sid"] = sid,
            ["content_type"] = m.ContentType,
            ["date_created"] = Rfc1123(DateTimeOffset.UtcNow),
            ["date_updated"] = Rfc1123(DateTimeOffset.UtcNow),
            ["parent_sid"] = messageSid,
            ["sid"] = m.Sid,
            ["uri"] = $"/2010-04-01/Accounts/{sid}/Messages/{messageSid}/Media/{m.Sid}.json",
        }).ToList();
        return OnePage("media_list", files, uri);
    }

    private IResult GetMedia(string sid, string messageSid, string mediaSid, HttpContext http)
    {
        RequestPaths.Enqueue(http.Request.Path);
        MediaAuthorizations.Enqueue(http.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null);
        var count = mediaRequests.AddOrUpdate(mediaSid, 1, (_, n) => n + 1);
        if (!Authenticated(http, sid))
        {
            return Error(401, 20003, "Authenticate");
        }

        if (!media.TryGetValue(mediaSid, out var file) || file.AccountSid != sid || count <= file.NotFoundTimes)
        {
            return Error(404, 20404, "The requested resource was not found");
        }

        return file.RedirectTo is { } target ? Results.Redirect(target, permanent: false, preserveMethod: true) : Results.Bytes(file.Content, file.ContentType);
    }

    private static bool TakeOne(ref int counter)
    {
        int current;
        do
        {
            current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref counter, current - 1, current) != current);
        return true;
    }

    private static Dictionary<string, object?> ToResource(FakeTwilioMessage message, string status) => new()
    {
        ["account_sid"] = message.AccountSid,
        ["api_version"] = "2010-04-01",
        ["body"] = message.Body,
        ["date_created"] = Rfc1123(message.DateSent),
        ["date_sent"] = Rfc1123(message.DateSent),
        ["date_updated"] = Rfc1123(message.DateSent),
        ["direction"] = message.Direction,
        ["error_code"] = null,
        ["error_message"] = null,
        ["from"] = message.From,
        ["messaging_service_sid"] = null,
        ["num_media"] = message.MediaSids.Count.ToString(CultureInfo.InvariantCulture),
        ["num_segments"] = "1",
        ["price"] = null,
        ["price_unit"] = "USD",
        ["sid"] = message.Sid,
        ["status"] = status,
        ["subresource_uris"] = new Dictionary<string, string> { ["media"] = $"/2010-04-01/Accounts/{message.AccountSid}/Messages/{message.Sid}/Media.json" },
        ["to"] = message.To,
        ["uri"] = $"/2010-04-01/Accounts/{message.AccountSid}/Messages/{message.Sid}.json",
    };

    private static string Rfc1123(DateTimeOffset value) => value.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The Account SID of HTTP Basic auth (the Content API has no account in its path).</summary>
    private static string? BasicUser(HttpContext http) =>
        AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header) && header.Scheme == "Basic"
            ? Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? "")).Split(':', 2)[0]
            : null;

    private bool Authenticated(HttpContext http, string accountSid)
    {
        if (!AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header) || header.Scheme != "Basic")
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? "")).Split(':', 2);
        return parts.Length == 2 && parts[0] == accountSid && accounts.TryGetValue(parts[0], out var token) && token == parts[1];
    }

    private static IResult Error(int status, int code, string message) => Results.Json(
        new { code, message, more_info = $"https://www.twilio.com/docs/errors/{code}", status }, statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    internal int NextSequence() => Interlocked.Increment(ref sequence);
}
