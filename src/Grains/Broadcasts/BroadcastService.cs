using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Consultant.Grains.Inbox;
using Consultant.Grains.Outbound.Pacing;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// Broadcasts for the API and the dashboard: create (draft or scheduled), preview, start, pause, resume, cancel, the
/// report, the recipients and their CSV. Another consultant's broadcast is not found. Sending is
/// <see cref="BroadcastGrain"/>'s; this only moves the status and wakes or halts it.
/// </summary>
public sealed class BroadcastService(
    BroadcastStore store, AudienceQuery audiences, MessageTemplates templates, BroadcastProgressPublisher progress,
    IGrainFactory grains, IOptions<SenderPacingOptions> pacing, TimeProvider time)
{
    public const int PageSize = 50;
    private const int PreviewListLimit = 200;

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
            ? new BroadcastReport(broadcast, await store.CountsAsync(consultantId, id), await store.ReasonsAsync(consultantId, id))
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
        return new BroadcastPreview(
            included.Count,
            included.Take(PreviewListLimit).Select(m => new PreviewContact(m.Member.ContactPhone, m.Member.Name, null, null)).ToList(),
            excluded.Count,
            excluded.Take(PreviewListLimit).Select(m => new PreviewContact(m.Member.ContactPhone, m.Member.Name, m.Reason, ExclusionReasons.Text(m.Reason!))).ToList(),
            excluded.GroupBy(m => m.Reason!).ToDictionary(g => g.Key, g => g.Count()),
            rate,
            Math.Round(included.Count / rate, 1));
    }

    /// <summary>Starts a draft (or a scheduled one early): writes one row per contact, then the grain sends.</summary>
    public Task<Result<Broadcast>> StartAsync(Guid consultantId, Guid id) => StartAsync(consultantId, id, reason: null);

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

    public Task<Result<Broadcast>> PauseAsync(Guid consultantId, Guid id) =>
        MoveAsync(consultantId, id, [BroadcastStatus.Running], BroadcastStatus.Paused, "Paused by you.", halt: true);

    public Task<Result<Broadcast>> ResumeAsync(Guid consultantId, Guid id) =>
        MoveAsync(consultantId, id, [BroadcastStatus.Paused], BroadcastStatus.Running, null, halt: false);

    public Task<Result<Broadcast>> CancelAsync(Guid consultantId, Guid id) =>
        MoveAsync(consultantId, id, [BroadcastStatus.Draft, BroadcastStatus.Scheduled, BroadcastStatus.Running, BroadcastStatus.Paused],
            BroadcastStatus.Cancelled, "Cancelled by you.", halt: true);

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
            : new BroadcastRecipientsPage(page, PageSize, await store.RecipientsAsync(consultantId, id, status, (page - 1) * PageSize, PageSize));
    }

    /// <summary>Every recipient as CSV (<see cref="BroadcastCsv"/>: formula-safe), for the report's download.</summary>
    public async Task<string?> RecipientsCsvAsync(Guid consultantId, Guid id)
    {
        if (await store.FindAsync(consultantId, id) is null)
        {
            return null;
        }

        return await BroadcastCsv.ToStringAsync(await store.RecipientsAsync(consultantId, id, null, 0, int.MaxValue));
    }

    private async Task<Result<Broadcast>> MoveAsync(Guid consultantId, Guid id, IReadOnlyList<string> from, string to, string? reason, bool halt)
    {
        if (await store.FindAsync(consultantId, id) is not { } broadcast)
        {
            return Problem.NotFound();
        }

        if (!await store.MoveAsync(consultantId, id, from, to, reason, time.GetUtcNow()))
        {
            return Problem.Conflict($"A {broadcast.Status} broadcast cannot be {to}.", "status", $"It is {broadcast.Status}.");
        }

        var grain = grains.GetGrain<IBroadcastGrain>(BroadcastKeys.Of(consultantId, id));
        await (halt ? grain.HaltAsync() : grain.WakeAsync());
        return await AfterChangeAsync(consultantId, id);
    }

    private async Task<Result<Broadcast>> AfterChangeAsync(Guid consultantId, Guid id)
    {
        await progress.PublishAsync(consultantId, id);
        return (await store.FindAsync(consultantId, id))!;
    }
}
