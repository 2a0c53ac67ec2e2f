using Consultant.Grains.Storage;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Consultant.Grains.Inbound;
using Consultant.Grains.Settings;
using Consultant.Grains.Twilio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consultant.Api.Inbound;

/// <summary>
/// Twilio's inbound-message webhook. The consultant is found by the To number (and AccountSid), the signature is
/// checked with that consultant's auth token, and the message is stored by its conversation before the 200.
/// </summary>
public static partial class WhatsAppWebhookApi
{
    private const string EmptyTwiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    public static IEndpointRouteBuilder MapWhatsAppWebhookApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/whatsapp/webhook", Receive)
            .WithTags(ApiTags.Inbound)
            .WithName("ReceiveWhatsAppMessage")
            .WithSummary("Twilio's webhook for an inbound message (form post, signed by Twilio)")
            .Produces(StatusCodes.Status200OK, contentType: "text/xml")
            .ProducesProblems(ProblemKind.Invalid, ProblemKind.NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AllowAnonymous()
            .WithMetadata(TwilioForm.BodyLimit)
            .DisableAntiforgery(); // Twilio signs the request instead
        return endpoints;
    }

    private static async Task<IResult> Receive(
        HttpRequest request, WhatsAppNumberRegistry numbers, IGrainFactory grains, WhatsAppSenders senders, ContactDirectory contacts,
        IOptions<WhatsAppOptions> options, TimeProvider time, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("Consultant.Api.WhatsAppWebhook");
        AcknowledgementPath.Enter(); // its statements go before the answers' (SharedRoundTrips)
        var (form, refusal) = await TwilioForm.ReadAsync(request, request.HttpContext.RequestAborted);
        if (form is null)
        {
            FormRefused(logger, (refusal as IStatusCodeHttpResult)?.StatusCode);
            return refusal!;
        }

        try
        {
            var (verdict, caller) = await TwilioRequests.AuthenticateAsync(request, form, "To", numbers, grains, senders, options.Value.PublicBaseUrl);
            if (verdict == TwilioRequests.Verdict.UnknownNumber)
            {
                UnknownNumber(logger);
                return Problem.NotFound("Unknown WhatsApp number", "No consultant has this To number with this AccountSid.").ToHttpResult();
            }

            if (verdict == TwilioRequests.Verdict.BadSignature)
            {
                BadSignature(logger, caller!.ConsultantId);
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Invalid Twilio signature");
            }

            form = caller!.Form; // without NUL from here on (the signature was checked on the raw values)
            var contact = WebhookContact.Read(form);
            var sid = FirstNonEmpty(form["MessageSid"].ToString(), form["SmsMessageSid"].ToString());
            if (contact is null)
            {
                return string.IsNullOrWhiteSpace(form["From"])
                    ? Problem.Invalid("From", "From is required.", "Incomplete message").ToHttpResult()
                    : Problem.Invalid("From", AcceptedSenders, "Unrecognised sender").ToHttpResult();
            }

            if (sid is null)
            {
                return Problem.Invalid("MessageSid", "MessageSid is required.", "Incomplete message").ToHttpResult();
            }

            var from = contact.From;
            var receivingAddress = await contacts.ReceivingAddressAsync(caller!.ConsultantId, from, contact.OtherAddresses);

            // A tap on a button or a list item: its payload routes a guided flow; its text is the message when Body is empty.
            var body = form["Body"].ToString() is { Length: > 0 } typed
                ? typed
                : FirstNonEmpty(form["ButtonText"].ToString(), form["ListTitle"].ToString()) ?? string.Empty;
            var message = new InboundWhatsAppMessage(
                sid, from, caller.Number, body, int.TryParse(form["NumMedia"], out var media) ? media : 0,
                FirstNonEmpty(form["ProfileName"].ToString()), FirstNonEmpty(form["WaId"].ToString()), time.GetUtcNow(), MessageSource.Webhook)
            {
                Media = AnnouncedMedia(form),
                ButtonPayload = FirstNonEmpty(form["ButtonPayload"].ToString(), form["ListId"].ToString()),
            };
            await grains.GetGrain<IConversationGrain>(ConversationKey.Format(caller.ConsultantId, receivingAddress)).ReceiveAsync(message);
            return Results.Content(EmptyTwiml, "text/xml");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not stored: Twilio retries on 5xx, so nothing is lost.
            StorageUnavailable(logger, ex);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Temporarily unavailable",
                detail: "The message could not be stored; Twilio will retry.");
        }
    }

    private const string AcceptedSenders =
        "From must be a phone number (whatsapp:+14155550123) or a WhatsApp user id (whatsapp:US.13491208655302741918).";

    /// <summary>MediaUrl0..N with MediaContentType0..N (at most 10, WhatsApp's own limit per message).</summary>
    private static IReadOnlyList<InboundMedia> AnnouncedMedia(IFormCollection form)
    {
        var media = new List<InboundMedia>();
        for (var index = 0; index < 10 && FirstNonEmpty(form[$"MediaUrl{index}"].ToString()) is { } url; index++)
        {
            media.Add(new InboundMedia(url, FirstNonEmpty(form[$"MediaContentType{index}"].ToString())));
        }

        return media;
    }

    private static string? FirstNonEmpty(params string[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused a form that Twilio would not send (HTTP {Status})")]
    private static partial void FormRefused(ILogger logger, int? status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook for a number no consultant owns")]
    private static partial void UnknownNumber(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook with an invalid Twilio signature for consultant {ConsultantId}")]
    private static partial void BadSignature(ILogger logger, Guid consultantId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook message could not be stored; answered 503 so Twilio retries")]
    private static partial void StorageUnavailable(ILogger logger, Exception exception);
}
