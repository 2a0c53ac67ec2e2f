namespace Consultant.Grains.Twilio;

/// <summary>
/// Twilio refused or could not be reached. <see cref="IsTransient"/>: worth trying again later. <see cref="LogReason"/>:
/// the reason without Twilio's own text (which can quote a phone number or the message), for the log.
/// </summary>
public sealed class TwilioRequestException(string message, string logReason, int? errorCode, bool isTransient, Exception? inner = null)
    : Exception(message, inner)
{
    public string LogReason { get; } = logReason;

    public int? ErrorCode { get; } = errorCode;

    public bool IsTransient { get; } = isTransient;
}
