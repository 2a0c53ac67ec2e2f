using System.Globalization;

namespace Consultant.Grains.Common;

/// <summary>
/// A <see cref="BoundedMemo{TKey, TValue}"/> of a contact's address that keeps a phone number as a number: a memo keyed
/// by the address's string kept that string alive for every address remembered (the webhook's own copy, about 70 bytes),
/// three memos deep (bench/NOTES.md, session 17: 3.5 → 4.0 KiB a conversation in the memory phase). Anything that is not
/// a plain number (a WhatsApp user id, a simulator address, odd text) is kept by its string as before.
/// </summary>
public sealed class AddressMemo<TValue>
{
    private readonly BoundedMemo<long, TValue> numbers;
    private readonly BoundedMemo<string, TValue> others;
    private readonly bool prefixMatters;

    /// <param name="whatsAppPrefixMatters">
    /// False when <paramref name="compute"/> gives "whatsapp:+39…" and "+39…" the same answer: one entry for both (a
    /// webhook asks for the contact's From and its WaId, the same number with and without the prefix).
    /// </param>
    public AddressMemo(Func<string, TValue> compute, int capacity = BoundedMemo.DefaultCapacity, bool whatsAppPrefixMatters = true)
    {
        numbers = new BoundedMemo<long, TValue>(packed => compute(PackedAddress.Unpack(packed)), capacity);
        others = new BoundedMemo<string, TValue>(compute, capacity);
        prefixMatters = whatsAppPrefixMatters;
    }

    public TValue Get(string address) =>
        PackedAddress.TryPack(address, out var packed)
            ? numbers.Get(prefixMatters ? packed : PackedAddress.WithoutPrefix(packed))
            : others.Get(address);
}

/// <summary>
/// "+393331234567" or "whatsapp:+393331234567" as one long (the digits, and a bit for the prefix), written back exactly
/// as it was: only a '+' with 1–17 digits not starting with 0 is packed (17 digits stay under 2^57; E.164 has at most 15).
/// </summary>
internal static class PackedAddress
{
    private const string WhatsApp = "whatsapp:";

    public static bool TryPack(string address, out long packed)
    {
        packed = 0;
        var prefixed = address.StartsWith(WhatsApp, StringComparison.Ordinal);
        var number = prefixed ? address.AsSpan(WhatsApp.Length) : address.AsSpan();
        if (number.Length is < 2 or > 18 || number[0] != '+' || number[1] == '0')
        {
            return false;
        }

        long digits = 0;
        foreach (var c in number[1..])
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            digits = (digits * 10) + (c - '0');
        }

        packed = (digits << 1) | (prefixed ? 1L : 0L);
        return true;
    }

    /// <summary>The same number as if it came without "whatsapp:".</summary>
    public static long WithoutPrefix(long packed) => packed & ~1L;

    public static string Unpack(long packed) =>
        ((packed & 1) == 1 ? WhatsApp : string.Empty) + "+" + (packed >> 1).ToString(CultureInfo.InvariantCulture);
}
