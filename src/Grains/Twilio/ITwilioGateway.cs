namespace Consultant.Grains.Twilio;

public sealed record TwilioCredentials(string AccountSid, string AuthToken);

public sealed record TwilioAccountCheck(bool Success, string Message);

/// <summary>Everything the product asks of Twilio goes through here (the SDK underneath).</summary>
public interface ITwilioGateway
{
    Task<TwilioAccountCheck> CheckAccountAsync(TwilioCredentials credentials, CancellationToken cancellationToken);
}
