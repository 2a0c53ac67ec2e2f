using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;

namespace Consultant.Web.Shared;

/// <summary>
/// A contact as the dashboard names them (the conversation list, the chat header, the Calendar): their name, or their
/// number written for people (+39 347 555 1234) when the name is only the address (a simulator contact's "sim:+39…"),
/// never the internal prefix and never twice. Search still looks at the raw address.
/// </summary>
public static class ContactDisplay
{
    /// <param name="name">The name stored for the contact (may be their address when they gave none).</param>
    /// <param name="address">The conversation's address (a phone, a WhatsApp user id, a simulator address) or a client's phone.</param>
    public static string Name(string? name, string? address)
    {
        var number = address is null ? null : Number(address);
        if (string.IsNullOrWhiteSpace(name) || name == address || (address is not null && name == ConversationKey.ContactPhone(address)))
        {
            return number ?? name ?? string.Empty;
        }

        return name;
    }

    /// <summary>The number written for people (international format), or the address without the simulator's prefix.</summary>
    public static string Number(string address) => PhoneNumberNormalizer.ForPeople(address);

    /// <summary>
    /// Whether <paramref name="shown"/> (what <see cref="Name"/> gave) is the contact's number: a table keeps it on one
    /// line (app.css, contact-number) rather than breaking it at its spaces.
    /// </summary>
    public static bool IsNumber(string shown, string? address) => address is not null && shown == Number(address);

    public static bool IsSimulated(string? address) => address is not null && ConversationKey.IsSimulated(address);
}
