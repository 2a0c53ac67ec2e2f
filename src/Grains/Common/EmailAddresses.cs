using System.Net.Mail;

namespace Consultant.Grains.Common;

/// <summary>
/// The one rule for an e-mail address, a consultant's (registration) and a client's alike: a single plain address
/// (no display name, no spaces) whose domain has a dot, as mail is delivered on the internet ("sara@example" is not).
/// </summary>
public static class EmailAddresses
{
    public static bool IsValid(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Any(char.IsWhiteSpace) || !MailAddress.TryCreate(address, out var parsed))
        {
            return false;
        }

        // MailAddress also takes "Sara <sara@example.com>" and "sara@[10.0.0.1]": only the bare address is one.
        var host = parsed.Host;
        return parsed.Address == address
            && host.Contains('.', StringComparison.Ordinal)
            && !host.StartsWith('.') && !host.EndsWith('.') && !host.StartsWith('[')
            && !host.Contains("..", StringComparison.Ordinal);
    }
}
