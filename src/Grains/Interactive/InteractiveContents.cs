using Consultant.Grains.Twilio;
using Microsoft.Extensions.Logging;

namespace Consultant.Grains.Interactive;

/// <summary>
/// The Content SID to send a question with: the one this consultant's Twilio account already has for the same
/// content, or a new one created through the Content API and remembered. Null when Twilio refused or could not be
/// reached: the question then goes as numbered text (logged with the reason, never a secret or the text).
/// </summary>
public sealed partial class InteractiveContents(TwilioContentApi contentApi, InteractiveContentStore store, ILogger<InteractiveContents> logger)
{
    public async Task<string?> ContentSidAsync(Guid consultantId, TwilioCredentials credentials, InteractiveQuestion question, CancellationToken cancellationToken)
    {
        var hash = InteractiveContent.Hash(question);
        if (await store.FindAsync(consultantId, credentials.AccountSid, hash) is { } known)
        {
            return known;
        }

        try
        {
            var sid = await contentApi.CreateAsync(credentials, InteractiveContent.Request(question), cancellationToken);
            return await store.SaveAsync(consultantId, credentials.AccountSid, hash, sid, InteractiveContent.TypeOf(question.Format));
        }
        catch (TwilioRequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            NotCreated(logger, consultantId, InteractiveContent.TypeOf(question.Format), ex.LogReason);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Twilio did not create the {ContentType} content for consultant {ConsultantId} ({Reason}); the question goes as numbered text")]
    private static partial void NotCreated(ILogger logger, Guid consultantId, string contentType, string reason);
}
