using System.Globalization;
using Consultant.Api.Analytics;
using Consultant.Api.Auth;
using Consultant.Grains.Broadcasts;
using Consultant.Grains.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Broadcasts;

/// <summary>
/// Broadcasts: create (always a draft, with <c>scheduledAt</c> if it is to start by itself), preview, start or schedule
/// (the confirmation after the preview), pause, resume, cancel, the report, the recipients and their CSV; and the shorthand <c>POST /api/whatsapp/broadcast</c>. 400 names the field, 404 for
/// another consultant's broadcast, 409 for a change its status does not allow.
/// </summary>
public static class BroadcastsApi
{
    public static IEndpointRouteBuilder MapBroadcastsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/whatsapp/broadcasts").WithTags(ApiTags.Broadcasts).RequireAuthorization(AuthSchemes.ApiPolicy);
        group.MapGet("/", List).WithName("ListBroadcasts").WithSummary("Your broadcasts, newest first").Produces<IReadOnlyList<Broadcast>>();
        group.MapPost("/", Create).WithName("CreateBroadcast")
            .WithSummary("A new draft broadcast (nothing is sent or scheduled yet); exactly one of messageText and template; optOutHint (free text, default true)")
            .Produces<Broadcast>(StatusCodes.Status201Created).ProducesProblems(ProblemKind.Invalid);
        group.MapGet("/{id:guid}", Get).WithName("GetBroadcast").WithSummary("One broadcast with its counts and the reasons of failures")
            .Produces<BroadcastReport>().ProducesProblems(ProblemKind.NotFound);
        group.MapGet("/{id:guid}/preview", Preview).WithName("PreviewBroadcast")
            .WithSummary("Who would get it now, who not and why, and how long it takes at the sender's pace")
            .Produces<BroadcastPreview>().ProducesProblems(ProblemKind.NotFound);
        group.MapGet("/{id:guid}/recipients", Recipients).WithName("ListBroadcastRecipients")
            .WithSummary("The recipients, 50 a page, optionally of one status (queued, sending, sent, failed, skipped)")
            .Produces<BroadcastRecipientsPage>().ProducesProblems(ProblemKind.Invalid, ProblemKind.NotFound);
        group.MapGet("/{id:guid}/recipients.csv", RecipientsCsv).WithName("DownloadBroadcastRecipients")
            .WithSummary("Every recipient as CSV").Produces<string>(contentType: "text/csv").ProducesProblems(ProblemKind.NotFound);
        group.MapPost("/{id:guid}/start", Start).WithName("StartBroadcast").WithSummary("Starts a draft or scheduled broadcast now")
            .Produces<Broadcast>().ProducesProblems(ProblemKind.NotFound, ProblemKind.Conflict);
        group.MapPost("/{id:guid}/schedule", Schedule).WithName("ScheduleBroadcast")
            .WithSummary("Confirms a draft created with scheduledAt: it starts by itself at that time")
            .Produces<Broadcast>().ProducesProblems(ProblemKind.NotFound, ProblemKind.Conflict);
        group.MapPost("/{id:guid}/pause", Pause).WithName("PauseBroadcast").WithSummary("Pauses a running broadcast")
            .Produces<Broadcast>().ProducesProblems(ProblemKind.NotFound, ProblemKind.Conflict);
        group.MapPost("/{id:guid}/resume", Resume).WithName("ResumeBroadcast").WithSummary("Resumes a paused broadcast where it stopped")
            .Produces<Broadcast>().ProducesProblems(ProblemKind.NotFound, ProblemKind.Conflict);
        group.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelBroadcast").WithSummary("Cancels a broadcast; what was sent stays sent")
            .Produces<Broadcast>().ProducesProblems(ProblemKind.NotFound, ProblemKind.Conflict);
        group.MapDelete("/{id:guid}", Discard).WithName("DiscardBroadcast").WithSummary("Removes a draft; a scheduled or started broadcast is cancelled instead")
            .Produces(StatusCodes.Status204NoContent).ProducesProblems(ProblemKind.NotFound, ProblemKind.Conflict);
        endpoints.MapPost("/api/whatsapp/broadcast", Shorthand).WithTags(ApiTags.Broadcasts).RequireAuthorization(AuthSchemes.ApiPolicy)
            .WithName("SendBroadcast").WithSummary("Shorthand: a free text to all, clients or leads, created and started at once")
            .Produces<Broadcast>(StatusCodes.Status201Created).ProducesProblems(ProblemKind.Invalid);
        return endpoints;
    }

    private static async Task<IResult> List(HttpContext http, BroadcastService broadcasts) =>
        TypedResults.Ok(await broadcasts.ListAsync(http.User.GetConsultantId()));

    private static async Task<IResult> Create(BroadcastRequest request, HttpContext http, BroadcastService broadcasts) =>
        (await broadcasts.CreateAsync(http.User.GetConsultantId(), request))
            .ToHttpResult(created => TypedResults.Created($"/api/whatsapp/broadcasts/{created.Id}", created));

    private static async Task<IResult> Get(Guid id, HttpContext http, BroadcastService broadcasts) =>
        (await broadcasts.ReportAsync(http.User.GetConsultantId(), id)).ToHttpResult();

    private static async Task<IResult> Preview(Guid id, HttpContext http, BroadcastService broadcasts) =>
        (await broadcasts.PreviewAsync(http.User.GetConsultantId(), id)).ToHttpResult();

    private static async Task<IResult> Recipients(Guid id, HttpContext http, BroadcastService broadcasts, string? status, int? page) =>
        (await broadcasts.RecipientsAsync(http.User.GetConsultantId(), id, status, page ?? 1)).ToHttpResult();

    /// <summary>Also the dashboard's download (Web/Broadcasts/BroadcastDownloads), with the cookie.</summary>
    public static async Task<IResult> RecipientsCsv(Guid id, HttpContext http, BroadcastService broadcasts) =>
        await broadcasts.RecipientsCsvAsync(http.User.GetConsultantId(), id) is { } csv
            ? CsvFile.Of(csv, $"broadcast-{id:N}-recipients.csv")
            : TypedResults.NotFound();

    private static async Task<IResult> Start(Guid id, HttpContext http, BroadcastService broadcasts) =>
        (await broadcasts.StartAsync(http.User.GetConsultantId(), id)).ToHttpResult();

    private static async Task<IResult> Schedule(Guid id, HttpContext http, BroadcastService broadcasts) =>
        (await broadcasts.ScheduleAsync(http.User.GetConsultantId(), id)).ToHttpResult();

    private static async Task<IResult> Pause(Guid id, HttpContext http, BroadcastService broadcasts) =>
        (await broadcasts.PauseAsync(http.User.GetConsultantId(), id)).ToHttpResult();

    private static async Task<IResult> Resume(Guid id, HttpContext http, BroadcastService broadcasts) =>
        (await broadcasts.ResumeAsync(http.User.GetConsultantId(), id)).ToHttpResult();

    private static async Task<IResult> Cancel(Guid id, HttpContext http, BroadcastService broadcasts) =>
        (await broadcasts.CancelAsync(http.User.GetConsultantId(), id)).ToHttpResult();

    private static async Task<IResult> Discard(Guid id, HttpContext http, BroadcastService broadcasts) =>
        (await broadcasts.DiscardAsync(http.User.GetConsultantId(), id)).ToHttpResult(_ => TypedResults.NoContent());

    private static async Task<IResult> Shorthand(ShorthandBroadcastRequest request, HttpContext http, BroadcastService broadcasts, TimeProvider time)
    {
        var group = request.TargetGroup?.Trim().ToLowerInvariant();
        if (group is null || !BroadcastAudience.Groups.Contains(group))
        {
            return Problem.Invalid("targetGroup", "Choose all, clients or leads.").ToHttpResult();
        }

        var consultantId = http.User.GetConsultantId();
        var name = string.Create(CultureInfo.InvariantCulture, $"Broadcast to {group}, {time.GetUtcNow():yyyy-MM-dd HH:mm} UTC");
        var created = await broadcasts.CreateAsync(consultantId, new BroadcastRequest(name, new BroadcastAudienceRequest(group, []), request.MessageText, null, null));
        if (created.Value is not { } draft)
        {
            return created.ToHttpResult();
        }

        return (await broadcasts.StartAsync(consultantId, draft.Id))
            .ToHttpResult(started => TypedResults.Created($"/api/whatsapp/broadcasts/{started.Id}", started));
    }
}
