using Microsoft.Extensions.Logging;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010;

namespace Consultant.Grains.Twilio;

public sealed partial class TwilioGateway(IHttpClientFactory httpClientFactory, ILogger<TwilioGateway> logger) : ITwilioGateway
{
    public const string HttpClientName = "twilio";

    public async Task<TwilioAccountCheck> CheckAccountAsync(TwilioCredentials credentials, CancellationToken cancellationToken)
    {
        try
        {
            var account = await AccountResource.FetchAsync(pathSid: credentials.AccountSid, client: CreateClient(credentials))
                .WaitAsync(cancellationToken);
            var status = account.Status?.ToString() ?? "unknown";
            return new TwilioAccountCheck(
                string.Equals(status, "active", StringComparison.OrdinalIgnoreCase),
                $"Connected to Twilio account \"{account.FriendlyName}\" (status: {status}).");
        }
        catch (ApiException ex)
        {
            TwilioCallFailed(logger, ex.Status, ex.Code);
            return new TwilioAccountCheck(false, TwilioErrorText.Describe(ex.Status, ex.Code, ex.Message));
        }
        catch (ApiConnectionException ex)
        {
            TwilioUnreachable(logger, ex.GetType().Name);
            return new TwilioAccountCheck(false, $"Could not reach Twilio: {ex.InnerException?.Message ?? ex.Message}");
        }
    }

    private TwilioRestClient CreateClient(TwilioCredentials credentials) =>
        new(credentials.AccountSid, credentials.AuthToken, accountSid: credentials.AccountSid,
            httpClient: new SystemNetHttpClient(httpClientFactory.CreateClient(HttpClientName)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio answered {Status} with error code {Code}")]
    private static partial void TwilioCallFailed(ILogger logger, int status, int code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio could not be reached ({ErrorType})")]
    private static partial void TwilioUnreachable(ILogger logger, string errorType);
}
