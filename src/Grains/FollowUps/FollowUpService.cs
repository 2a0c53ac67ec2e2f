using Consultant.Grains.Analytics;
using Consultant.Grains.Common;

namespace Consultant.Grains.FollowUps;

/// <summary>
/// What the Follow-ups page and <c>/api/whatsapp/followups</c> share: the rules (read, validated save), the preview of
/// the message a conversation would get, the queue and history by status with paging, cancel, the next follow-up of a
/// conversation (the chat header) and the reply rate per rule. Every call is scoped to its consultant.
/// </summary>
public sealed class FollowUpService(FollowUpRuleStore rules, FollowUpStore store, FollowUpSilence silence, FollowUpComposer composer, TimeProvider time)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>The status filter for sent follow-ups that got a reply (not a status of its own: <c>sent</c> with <c>receivedReply</c>).</summary>
    public const string Replied = "replied";

    /// <summary>The status filter for everything that is no longer upcoming (sent, cancelled, skipped, failed), latest first.</summary>
    public const string History = "history";

    /// <summary>The six rules, saved or default.</summary>
    public Task<FollowUpRuleSet> GetRulesAsync(Guid consultantId) => rules.GetAsync(consultantId);

    /// <summary>
    /// Saves the rules given (the others stay as they are). Errors name the rule and field (<c>lead_24h.delayMinutes</c>,
    /// <c>before_1h.texts.en</c>). Upcoming follow-ups of a rule switched off are cancelled; the others move to the new delay.
    /// A silence rule switched on (or given a new delay) plans the nudge of every conversation we answered after the
    /// contact's last message, as our answer would have (<see cref="FollowUpSilence.AnchorAnsweredAsync"/>).
    /// </summary>
    public async Task<Result<FollowUpRuleSet>> SaveRulesAsync(Guid consultantId, IReadOnlyList<FollowUpRule> changed)
    {
        if (changed is null || changed.Count == 0)
        {
            return Problem.Invalid("rules", "Give at least one rule.");
        }

        var errors = FollowUpRuleValidation.Check(new FollowUpRuleSet(changed));
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors);
        }

        var current = await rules.GetAsync(consultantId);
        var merged = new FollowUpRuleSet(current.Rules.Select(rule => changed.FirstOrDefault(c => c.Key == rule.Key) ?? rule).ToList());
        errors = FollowUpRuleValidation.Check(merged); // lead_48h later than lead_24h, across saved and given
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors);
        }

        await rules.SaveAsync(consultantId, merged);
        var now = time.GetUtcNow();
        await store.ApplyRulesAsync(consultantId, merged, now);
        await silence.AnchorAnsweredAsync(consultantId, SilenceRulesToPlan(current, merged), now);
        return merged;
    }

    /// <summary>Silence rules on now that were off, or whose delay changed: a conversation may be owed a nudge it has no row for.</summary>
    private static IReadOnlyList<string> SilenceRulesToPlan(FollowUpRuleSet before, FollowUpRuleSet after) =>
        after.Rules
            .Where(rule => rule.Enabled && FollowUpRuleKeys.Silence.Contains(rule.Key)
                && (!before[rule.Key].Enabled || before[rule.Key].DelayMinutes != rule.DelayMinutes))
            .Select(rule => rule.Key)
            .ToList();

    /// <summary>The message <paramref name="conversationId"/> would get from the saved rule now.</summary>
    public async Task<Result<FollowUpPreview>> PreviewAsync(Guid consultantId, Guid conversationId, string ruleKey) =>
        FollowUpRuleKeys.IsKnown(ruleKey)
            ? await PreviewAsync(consultantId, conversationId, (await rules.GetAsync(consultantId))[ruleKey])
            : Problem.Invalid("rule", $"One of {string.Join(", ", FollowUpRuleKeys.All)}.");

    /// <summary>The message <paramref name="conversationId"/> would get now from <paramref name="rule"/> as edited (not saved yet).</summary>
    public async Task<Result<FollowUpPreview>> PreviewAsync(Guid consultantId, Guid conversationId, FollowUpRule rule)
    {
        var errors = FollowUpRuleValidation.Check(new FollowUpRuleSet([rule with { Enabled = true }]));
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors);
        }

        return await composer.PreviewAsync(consultantId, conversationId, rule, time.GetUtcNow()) is { } preview
            ? preview
            : Problem.NotFound();
    }

    /// <param name="status">A status (pending, paused, sent, cancelled, skipped, failed), <c>upcoming</c> (pending and
    /// paused, soonest first), <c>history</c> (the rest, latest first), <c>replied</c> (sent ones that got a reply), or
    /// none for all.</param>
    /// <param name="page">From 1.</param>
    public async Task<Result<FollowUpPage>> ListAsync(Guid consultantId, string? status, int page = 1, int pageSize = DefaultPageSize)
    {
        var statuses = StatusesOf(status);
        var errors = new ValidationErrors();
        if (statuses is null)
        {
            errors.Add("status", $"One of {string.Join(", ", FollowUpStatus.All)}, replied, upcoming or history.");
        }

        if (page < 1)
        {
            errors.Add("page", "From 1.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"Between 1 and {MaxPageSize}.");
        }

        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors);
        }

        var soonestFirst = statuses!.All(FollowUpStatus.Upcoming.Contains);
        var (items, total) = await store.ListAsync(consultantId, statuses!, soonestFirst, (page - 1) * pageSize, pageSize,
            repliedOnly: status == Replied);
        return new FollowUpPage(items, page, pageSize, total);
    }

    /// <summary>
    /// How many follow-ups the history holds (the page's filters): under <c>history</c> all of them, under each of its
    /// statuses those, under <c>replied</c> the sent ones that got a reply.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> HistoryCountsAsync(Guid consultantId)
    {
        var statuses = StatusesOf(History)!;
        var counts = new Dictionary<string, int>(await store.HistoryCountsAsync(consultantId, statuses, Replied));
        counts[History] = statuses.Sum(status => counts[status]);
        return counts;
    }

    /// <summary>Cancels an upcoming follow-up; another consultant's or an unknown id is not found, one already done a conflict.</summary>
    public async Task<Result<FollowUp>> CancelAsync(Guid consultantId, Guid followUpId)
    {
        var found = await store.FindAsync(consultantId, followUpId);
        if (found is null)
        {
            return Problem.NotFound();
        }

        if (!FollowUpStatus.Upcoming.Contains(found.Status))
        {
            return Problem.Conflict("Not upcoming", "status", $"This follow-up is already {found.Status}.");
        }

        return await store.CancelAsync(consultantId, followUpId, FollowUpReasons.CancelledByConsultant, time.GetUtcNow()) is { } cancelled
            ? cancelled
            : Problem.Conflict("Not upcoming", "status", "This follow-up went out or was cancelled meanwhile.");
    }

    /// <summary>The conversation's next upcoming follow-up (the chat header's "Follow-up in 23 h"), or none.</summary>
    public Task<FollowUp?> NextForConversationAsync(Guid consultantId, Guid conversationId) =>
        store.NextForConversationAsync(consultantId, conversationId);

    /// <summary>
    /// Every rule, in the page's order: follow-ups sent within <paramref name="range"/> and how many got a reply, by the
    /// one definition the Analytics page counts with too (the simulator's included: this page has no switch for it).
    /// </summary>
    public Task<IReadOnlyList<FollowUpReplyRate>> ReplyRatesAsync(Guid consultantId, TimeRange range) =>
        store.ReplyRatesAsync(consultantId, range);

    private static IReadOnlyList<string>? StatusesOf(string? status) => status switch
    {
        null or "" => FollowUpStatus.All,
        "upcoming" => FollowUpStatus.Upcoming,
        History => FollowUpStatus.All.Except(FollowUpStatus.Upcoming).ToList(),
        Replied => [FollowUpStatus.Sent],
        _ when FollowUpStatus.IsKnown(status) => [status],
        _ => null,
    };
}
