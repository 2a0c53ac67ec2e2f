using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Consultant.Grains.Inbox;
using Consultant.Grains.Outbound;
using Consultant.Grains.Outbound.Pacing;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// Broadcasts for the API and the dashboard: create (always a draft), preview, start or schedule (the consultant's
/// confirmation, after the preview), pause, resume, cancel, discard a draft, the report, the recipients and their CSV. Another
/// consultant's broadcast is not found. Sending is <see cref="BroadcastGrain"/>'s; this only moves the status and
/// wakes or halts it.
/// </summary>
public sealed class BroadcastService(
    BroadcastStore store, BroadcastReportQueries reports, AudienceQuery audiences, MessageTemplates templates, BroadcastHintLanguage hintLanguage, BroadcastProgressPublisher progress,
    BroadcastTries tries, IGrainFactory grains, IOptions<SenderPacingOptions> pacing, TimeProvider time)
{
    public const int PageSize = 50;
    private const int PreviewListLimit = 200;

    /// <summary>A draft (with its start time, if it is to start by itself): nothing is sent or scheduled until it is started or scheduled.</summary>
    public async Task<Result<Broadcast>> CreateAsync(Guid consultantId, BroadcastRequest request)
    {
        var checkedBroadcast = await BroadcastRules.CheckAsync(request, id => templates.FindAsync(consultantId, id), time.GetUtcNow());
        if (checkedBroadcast.Value is { } broadcast)
        {
            await store.InsertAsync(consultantId, broadcast);
        }

        return checkedBroadcast;
    }

    public Task<IReadOnlyList<Broadcast>> ListAsync(Guid consultantId) => store.ListAsync(consultantId);

    public async Task<Result<BroadcastReport>> ReportAsync(Guid consultantId, Guid id) =>
        await store.FindAsync(consultantId, id) is { } broadcast
            ? new BroadcastReport(broadcast, await reports.CountsAsync(consultantId, id), await reports.ReasonsAsync(consultantId, id))
            : Problem.NotFound();

    public async Task<Result<BroadcastPreview>> PreviewAsync(Guid consultantId, Guid id)
    {
        if (await store.FindAsync(consultantId, id) is not { } broadcast)
        {
            return Problem.NotFound();
        }

        var now = time.GetUtcNow();
        var nameRequired = BroadcastMessages.NeedsName(broadcast);
        var members = (await audiences.MembersAsync(consultantId, broadcast.Audience))
            .Select(m => (Member: m, Reason: AudienceQuery.Exclusion(m, broadcast.IsFreeText, now, nameRequired)))
            .ToList();
        var included = members.Where(m => m.Reason is null).ToList();
        var excluded = members.Where(m => m.Reason is not null).ToList();
        var rate = pacing.Value.MessagesPerSecond;
        var sampleFor = included.Select(m => m.Member).FirstOrDefault();
        return new BroadcastPreview(
            included.Count,
            included.Take(PreviewListLimit).Select(m => new PreviewContact(m.Member.ContactPhone, m.Member.Name, null, null)).ToList(),
            excluded.Count,
            excluded.Take(PreviewListLimit).Select(m => new PreviewContact(m.Member.ContactPhone, m.Member.Name, m.Reason, ExclusionReasons.Text(m.Reason!))).ToList(),
            excluded.GroupBy(m => m.Reason!).ToDictionary(g => g.Key, g => g.Count()),
            rate,
            Math.Round(included.Count / rate, 1),
            sampleFor is null ? null : await SampleAsync(consultantId, broadcast, sampleFor),
            sampleFor is null ? null : new PreviewContact(sampleFor.ContactPhone, sampleFor.Name, null, null));
    }

    /// <summary>The message exactly as this contact gets it (their name, the opt-out hint in the broadcast's language if it has one).</summary>
    private async Task<string?> SampleAsync(Guid consultantId, Broadcast broadcast, AudienceMember member)
    {
        var template = broadcast.TemplateId is { } templateId ? await templates.FindAsync(consultantId, templateId) : null;
        if (!broadcast.IsFreeText && template is null)
        {
            return null;
        }

        return BroadcastMessages.For(broadcast, template, member.Name, await hintLanguage.OfAsync(consultantId, broadcast)).Text;
    }

    /// <summary>
    /// Starts a draft (or a scheduled one early): writes one row per contact, then the grain sends. Refused while the
    /// consultant's WhatsApp is not configured: every message would only fail later.
    /// </summary>
    public async Task<Result<Broadcast>> StartAsync(Guid consultantId, Guid id) =>
        await WhatsAppConfiguredAsync(consultantId) || await store.FindAsync(consultantId, id) is null
            ? await StartAsync(consultantId, id, reason: null)
            : WhatsAppNotConfigured();

    /// <summary>Whether the consultant saved their Twilio details (the preflight warns, start and schedule refuse without).</summary>
    public async Task<bool> WhatsAppConfiguredAsync(Guid consultantId) =>
        await grains.GetGrain<IConsultantGrain>(consultantId).GetReplySettingsAsync() is { AccountSid.Length: > 0 };

    private static Problem WhatsAppNotConfigured() =>
        Problem.Conflict("WhatsApp is not configured.", "whatsApp", SendProblemText.NotConfigured);

    /// <summary>Starts it with a note (the scheduler's "started late"); false-y result when it was not startable.</summary>
    public async Task<Result<Broadcast>> StartAsync(Guid consultantId, Guid id, string? reason)
    {
        if (await store.FindAsync(consultantId, id) is not { } broadcast)
        {
            return Problem.NotFound();
        }

        var now = time.GetUtcNow();
        var nameRequired = BroadcastMessages.NeedsName(broadcast);
        var members = await audiences.MembersAsync(consultantId, broadcast.Audience);
        var rows = members
            .Select(m => (m.ContactPhone, m.Name, AudienceQuery.Exclusion(m, broadcast.IsFreeText, now, nameRequired) is { } code ? ExclusionReasons.Text(code) : null))
            .ToList();
        if (!await store.StartAsync(consultantId, id, reason, rows, now))
        {
            return Problem.Conflict("The broadcast has already started.", "status", $"It is {broadcast.Status}: only a draft or a scheduled broadcast starts.");
        }

        await grains.GetGrain<IBroadcastGrain>(BroadcastKeys.Of(consultantId, id)).WakeAsync();
        return await AfterChangeAsync(consultantId, id);
    }

    /// <summary>
    /// Confirms a draft that has a start time: from now it starts by itself at that time (the scheduler's minute). The
    /// time must still be ahead; a draft without one is started with <see cref="StartAsync(Guid, Guid)"/>.
    /// </summary>
    public async Task<Result<Broadcast>> ScheduleAsync(Guid consultantId, Guid id)
    {
        if (await store.FindAsync(consultantId, id) is not { } broadcast)
        {
            return Problem.NotFound();
        }

        if (broadcast.Status != BroadcastStatus.Draft)
        {
            return Problem.Conflict("The broadcast is not a draft.", "status", $"It is {broadcast.Status}: only a draft is scheduled.");
        }

        if (broadcast.ScheduledAt is not { } at)
        {
            return Problem.Conflict("The broadcast has no start time.", "scheduledAt", "It has no start time: start it now, or create it with scheduledAt.");
        }

        if (at <= time.GetUtcNow())
        {
            return Problem.Conflict("The start time has passed.", "scheduledAt", "Its start time has passed: start it now, or create it again with a later time.");
        }

        if (!await WhatsAppConfiguredAsync(consultantId))
        {
            return WhatsAppNotConfigured();
        }

        if (!await store.MoveAsync(consultantId, id, [BroadcastStatus.Draft], BroadcastStatus.Scheduled, null, time.GetUtcNow()))
        {
            return Problem.Conflict("The broadcast is not a draft.", "status", "It was started, scheduled or cancelled meanwhile.");
        }

        return await AfterChangeAsync(consultantId, id);
    }

    public async Task<Result<Broadcast>> PauseAsync(Guid consultantId, Guid id)
    {
        var paused = await MoveAsync(consultantId, id, [BroadcastStatus.Running], BroadcastStatus.Paused, "Paused by you.", halt: true);
        if (paused.Value is not null)
        {
            await tries.PausedOrResumedAsync(consultantId, id); // a try waiting for its retry waits for the resume now
        }

        return paused;
    }

    public async Task<Result<Broadcast>> ResumeAsync(Guid consultantId, Guid id)
    {
        var resumed = await MoveAsync(consultantId, id, [BroadcastStatus.Paused], BroadcastStatus.Running, null, halt: false);
        if (resumed.Value is not null)
        {
            await tries.PausedOrResumedAsync(consultantId, id); // and for its time again (due at once if it passed meanwhile)
        }

        return resumed;
    }

    /// <summary>
    /// Cancels it: nothing more is sent, and nothing is tried again (a contact waiting for a retry ends failed, saying
    /// why, in the same transaction as the cancel: <see cref="BroadcastStore.CancelAsync"/>).
    /// </summary>
    public async Task<Result<Broadcast>> CancelAsync(Guid consultantId, Guid id)
    {
        if (await store.FindAsync(consultantId, id) is not { } broadcast)
        {
            return Problem.NotFound();
        }

        if (await store.CancelAsync(consultantId, id, [BroadcastStatus.Draft, BroadcastStatus.Scheduled, BroadcastStatus.Running, BroadcastStatus.Paused],
                "Cancelled by you.", time.GetUtcNow()) is not { } ended)
        {
            return CannotMove(broadcast, BroadcastStatus.Cancelled);
        }

        await grains.GetGrain<IBroadcastGrain>(BroadcastKeys.Of(consultantId, id)).HaltAsync();
        await tries.ShowAsync(consultantId, ended); // open chats see them failed, no longer waiting
        return await AfterChangeAsync(consultantId, id);
    }

    /// <summary>
    /// Removes a draft, which nobody got and nothing remembers; a scheduled or started broadcast is cancelled instead
    /// (<see cref="CancelAsync"/>), so what it sent or was to send stays on record.
    /// </summary>
    public async Task<Result<Done>> DiscardAsync(Guid consultantId, Guid id)
    {
        if (await store.FindAsync(consultantId, id) is not { } broadcast)
        {
            return Problem.NotFound();
        }

        if (!await store.DeleteDraftAsync(consultantId, id))
        {
            return Problem.Conflict($"A {broadcast.Status} broadcast cannot be discarded.", "status", $"It is {broadcast.Status}.");
        }

        return Done.Instance;
    }

    public async Task<Result<BroadcastRecipientsPage>> RecipientsAsync(Guid consultantId, Guid id, string? status, int page)
    {
        var errors = new ValidationErrors();
        if (status is not null && !RecipientStatus.All.Contains(status))
        {
            errors.Add("status", "One of " + string.Join(", ", RecipientStatus.All) + ".");
        }

        if (page < 1)
        {
            errors.Add("page", "A page number from 1.");
        }

        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors);
        }

        return await store.FindAsync(consultantId, id) is null
            ? Problem.NotFound()
            : new BroadcastRecipientsPage(page, PageSize, await reports.RecipientsAsync(consultantId, id, status, (page - 1) * PageSize, PageSize));
    }

    /// <summary>Every recipient as CSV (<see cref="BroadcastCsv"/>: formula-safe), for the report's download.</summary>
    public async Task<string?> RecipientsCsvAsync(Guid consultantId, Guid id)
    {
        if (await store.FindAsync(consultantId, id) is null)
        {
            return null;
        }

        return await BroadcastCsv.ToStringAsync(await reports.RecipientsAsync(consultantId, id, null, 0, int.MaxValue));
    }

    private async Task<Result<Broadcast>> MoveAsync(Guid consultantId, Guid id, IReadOnlyList<string> from, string to, string? reason, bool halt)
    {
        if (await store.FindAsync(consultantId, id) is not { } broadcast)
        {
            return Problem.NotFound();
        }

        if (!await store.MoveAsync(consultantId, id, from, to, reason, time.GetUtcNow()))
        {
            return CannotMove(broadcast, to);
        }

        var grain = grains.GetGrain<IBroadcastGrain>(BroadcastKeys.Of(consultantId, id));
        await (halt ? grain.HaltAsync() : grain.WakeAsync());
        return await AfterChangeAsync(consultantId, id);
    }

    private static Problem CannotMove(Broadcast broadcast, string to) =>
        Problem.Conflict($"A {broadcast.Status} broadcast cannot be {to}.", "status", $"It is {broadcast.Status}.");

    private async Task<Result<Broadcast>> AfterChangeAsync(Guid consultantId, Guid id)
    {
        await progress.PublishAsync(consultantId, id);
        return (await store.FindAsync(consultantId, id))!;
    }
}
