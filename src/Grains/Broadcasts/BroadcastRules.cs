using System.Text.Json;
using Consultant.Grains.Common;
using Consultant.Grains.Inbox;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// What a new broadcast must be: a name, an audience, exactly one of a text and a template, a future time if it is to
/// start by itself. It is always a draft: nothing sends until the consultant, having seen the preflight, starts or schedules it.
/// </summary>
public static class BroadcastRules
{
    public const int MaxNameLength = 120;
    public const int MaxTextLength = 1500; // one WhatsApp message with the opt-out hint after it
    public const int MaxTags = 20;

    public static async Task<Result<Broadcast>> CheckAsync(BroadcastRequest request, Func<Guid, Task<MessageTemplate?>> findTemplate, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            errors.Add("name", $"A name of 1 to {MaxNameLength} characters.");
        }

        var group = request.Audience?.Group?.Trim().ToLowerInvariant();
        if (group is null || !BroadcastAudience.Groups.Contains(group))
        {
            errors.Add("audience.group", "Choose all, clients or leads.");
        }

        var tags = (request.Audience?.Tags ?? []).Select(t => t?.Trim() ?? string.Empty).Distinct(StringComparer.Ordinal).ToArray();
        if (tags.Length > MaxTags || tags.Any(t => t.Length is 0 or > 50))
        {
            errors.Add("audience.tags", $"At most {MaxTags} tags, each of 1 to 50 characters.");
        }

        var text = request.MessageText?.Trim();
        string? variablesJson = null;
        if (string.IsNullOrEmpty(text) == (request.Template is null))
        {
            errors.Add(request.Template is null ? "messageText" : "template", "Give exactly one of messageText (free text) and template.");
        }
        else if (text is not null && text.Length > MaxTextLength)
        {
            errors.Add("messageText", $"At most {MaxTextLength} characters.");
        }
        else if (request.Template is { } template)
        {
            variablesJson = await CheckTemplateAsync(template, findTemplate, errors);
        }

        if (request.ScheduledAt is { } at && at <= now)
        {
            errors.Add("scheduledAt", "A time in the future (or none, to start it yourself).");
        }

        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors);
        }

        return new Broadcast
        {
            Id = Guid.NewGuid(), Name = name!, AudienceGroup = group!, AudienceTags = tags, MessageText = string.IsNullOrEmpty(text) ? null : text,
            OptOutHint = request.OptOutHint ?? true, TemplateId = request.Template?.TemplateId, TemplateVariables = variablesJson,
            Status = BroadcastStatus.Draft, ScheduledAt = request.ScheduledAt?.ToUniversalTime(), CreatedAt = now, // scheduled only once confirmed (BroadcastService.ScheduleAsync)
        };
    }

    private static async Task<string?> CheckTemplateAsync(BroadcastTemplateRequest request, Func<Guid, Task<MessageTemplate?>> findTemplate, ValidationErrors errors)
    {
        if (request.TemplateId is not { } id || await findTemplate(id) is not { } template)
        {
            errors.Add("template.templateId", "One of your templates (WhatsApp settings → Message templates).");
            return null;
        }

        var variables = request.Variables ?? new Dictionary<string, string>();
        foreach (var placeholder in template.Placeholders.Where(p => string.IsNullOrWhiteSpace(variables.GetValueOrDefault(p))))
        {
            errors.Add("template.variables", $"A value for {{{{{placeholder}}}}} (it may be {BroadcastMessages.NamePlaceholder}).");
        }

        if (variables.Values.Any(v => v?.Length > MessageTemplates.MaxVariableLength || v?.Contains('\n') == true))
        {
            errors.Add("template.variables", $"Each value on one line, at most {MessageTemplates.MaxVariableLength} characters.");
        }

        return JsonSerializer.Serialize(template.Placeholders.ToDictionary(p => p, p => variables.GetValueOrDefault(p)?.Trim() ?? string.Empty));
    }
}
