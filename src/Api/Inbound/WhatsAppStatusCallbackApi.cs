using Consultant.Grains.Common;
using Consultant.Grains.Inbound;
using Consultant.Grains.Messages;
using Consultant.Grains.Settings;
using Consultant.Grains.Twilio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consultant.Api.Inbound;

/// <summary>
/// Twilio's status callback for the messages we send (StatusCallback is set on every send when
/// WhatsApp:PublicBaseUrl is configured). Signature-checked like the webhook; the consultant is found by From,
/// our number. Status only moves forward; the dashboards get MessageStatusChanged.
/// </summary>
public static partial class WhatsAppStatusCallbackApi
{
    public const string Path = "/api/whatsapp/status-callback";

    public static IEndpointRouteBuilder MapWhatsAppStatusCallbackApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, Receive)
            .WithTags(ApiTags.Inbound)
            .WithName("ReceiveMessageStatus")
            .WithSummary("Twilio's status callback for a message sent (form post, signed by Twilio)")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblems(ProblemKind.Invalid, ProblemKind.NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AllowAnonymous()
            .WithMetadata(TwilioForm.BodyLimit)
            .DisableAntiforgery(); // Twilio signs the request instead
        return endpoints;
    }

    private static async Task<IResult> Receive(
        HttpRequest request, WhatsAppNumberRegistry numbers, IGrainFactory grains, WhatsAppSenders senders, DeliveryStatusUpdates statuses,
        IOptions<WhatsAppOptions> options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("Consultant.Api.WhatsAppStatusCallback");
        var (form, refusal) = await TwilioForm.ReadAsync(request, request.HttpContext.RequestAborted);
        if (form is null)
        {
            FormRefused(logger, (refusal as IStatusCodeHttpResult)?.StatusCode);
            return refusal!;
        }

        try
        {
            var (verdict, caller) = await TwilioRequests.AuthenticateAsync(request, form, "From", numbers, grains, senders, options.Value.PublicBaseUrl);
            switch (verdict)
            {
                case TwilioRequests.Verdict.UnknownNumber:
                    return Problem.NotFound("Unknown WhatsApp number").ToHttpResult();
                case TwilioRequests.Verdict.BadSignature:
                    BadSignature(logger, caller!.ConsultantId);
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Invalid Twilio signature");
            }

            form = caller!.Form; // without NUL from here on (the signature was checked on the raw values)
            var sid = form["MessageSid"].ToString();
            var status = form["MessageStatus"].ToString().ToLowerInvariant();
            if (sid.Length == 0 || !MessageStatus.FromTwilio.Contains(status))
            {
                return Problem.Invalid(sid.Length == 0 ? "MessageSid" : "MessageStatus", "MessageSid and a known MessageStatus are required.",
                    "Incomplete status callback").ToHttpResult();
            }

            int? errorCode = int.TryParse(form["ErrorCode"], out var code) ? code : null;
            await statuses.ApplyAsync(caller.ConsultantId, sid, status, errorCode, rememberIfUnknown: true, request.HttpContext.RequestAborted);
            // Unknown sid or older news: nothing to change, and nothing for Twilio to retry.
            return Results.Ok();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            StatusNotStored(logger, ex);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Temporarily unavailable");
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused a form that Twilio would not send (HTTP {Status})")]
    private static partial void FormRefused(ILogger logger, int? status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status callback with an invalid Twilio signature for consultant {ConsultantId}")]
    private static partial void BadSignature(ILogger logger, Guid consultantId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A status callback could not be stored")]
    private static partial void StatusNotStored(ILogger logger, Exception exception);
}
