namespace Consultant.Grains.Messages;

/// <summary>A stored message as the pipeline reads it back.</summary>
public sealed record MessageRow(
    Guid Id,
    string Direction,
    string Sender,
    string Body,
    string? TwilioSid,
    string Status,
    Guid? BatchId,
    DateTimeOffset CreatedAt,
    string Channel,
    int NumMedia,
    string? ButtonPayload,
    string? ProfileName);
