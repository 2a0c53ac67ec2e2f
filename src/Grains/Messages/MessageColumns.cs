namespace Consultant.Grains.Messages;

/// <summary>
/// The columns the message stores read: a <see cref="MessageRow"/>, or a <see cref="MessageViewRecord"/> (from
/// <c>messages</c> not aliased: a try waiting for its retry asks whether its broadcast is paused, from the broadcast's
/// own status, so it cannot disagree with it).
/// </summary>
internal static class MessageColumns
{
    public const string Columns =
        "id, direction, sender, body, twilio_sid AS TwilioSid, status, batch_id AS BatchId, created_at AS CreatedAt, channel, num_media AS NumMedia, button_payload AS ButtonPayload, profile_name AS ProfileName";

    public const string ViewColumns =
        """
        id, contact_phone AS ContactPhone, direction, sender, body, status, num_media AS NumMedia, channel, error,
        created_at AS CreatedAt, attempts, button_payload AS ButtonPayload, interactive_options::text AS InteractiveOptions, origin,
        list_button AS ListButton, retry_at AS RetryAt, replaced_by AS ReplacedBy,
        (retry_at IS NOT NULL AND replaced_by IS NULL AND EXISTS (
            SELECT 1 FROM whatsapp_broadcast_recipients r
              JOIN whatsapp_broadcasts b ON b.consultant_id = r.consultant_id AND b.id = r.broadcast_id
             WHERE r.consultant_id = messages.consultant_id AND r.message_id = messages.id AND b.status = 'paused')) AS RetryPaused
        """;
}
