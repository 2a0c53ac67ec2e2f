using System.Text.RegularExpressions;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Outbound;
using Consultant.Grains.Outbound.Marketing;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// A broadcast's audience: the consultant's conversations (clients or leads, with any of the tags), and for "all" and
/// "clients" without tags also clients who never wrote (reachable with a template only). Each member is included or
/// excluded with the reason (<see cref="ExclusionReasons"/>). Every query names its consultant.
/// </summary>
public sealed partial class AudienceQuery(NpgsqlDataSource dataSource)
{
    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex PhonePattern();

    public async Task<IReadOnlyList<AudienceMember>> MembersAsync(Guid consultantId, BroadcastAudience audience)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<AudienceMember>(
            $"""
            WITH members AS (
                SELECT c.consultant_id, c.contact_phone, COALESCE(cl.name, c.display_name) AS name,
                       c.last_inbound_at, c.opted_out
                  FROM conversations c
                  LEFT JOIN clients cl ON cl.consultant_id = c.consultant_id AND cl.id = c.client_id
                 WHERE c.consultant_id = @consultantId
                   AND (@group = 'all' OR (@group = 'clients') = NOT c.is_lead)
                   AND (cardinality(@tags) = 0 OR c.tags && @tags)
                UNION ALL
                SELECT cl.consultant_id, cl.phone, cl.name, NULL::timestamptz, false
                  FROM clients cl
                 WHERE cl.consultant_id = @consultantId AND @group <> 'leads' AND cardinality(@tags) = 0
                   AND NOT EXISTS (SELECT 1 FROM conversations c
                                    WHERE c.consultant_id = cl.consultant_id AND (c.client_id = cl.id OR c.contact_phone = cl.phone))
            )
            SELECT m.contact_phone AS ContactPhone, m.name AS Name,
                   m.last_inbound_at AS LastInboundAt, m.opted_out AS OptedOut, NOT {MarketingConsent.AcceptingCondition("m")} AS StoppedMarketing
              FROM members m
             ORDER BY m.contact_phone
            """,
            new { consultantId, group = audience.Group, tags = audience.Tags.ToArray() });
        return rows.ToList();
    }

    /// <summary>
    /// Why this member does not get the broadcast, or null when they do. <paramref name="nameRequired"/>: the template
    /// cannot go without the contact's name (<see cref="BroadcastMessages.NeedsName"/>).
    /// </summary>
    public static string? Exclusion(AudienceMember member, bool freeText, DateTimeOffset now, bool nameRequired = false)
    {
        if (ConversationKey.IsSimulated(member.ContactPhone))
        {
            return ExclusionReasons.Simulator;
        }

        if (!PhonePattern().IsMatch(member.ContactPhone) && !Common.ContactAddress.IsBsuid(member.ContactPhone))
        {
            return ExclusionReasons.NoAddress;
        }

        if (member.OptedOut)
        {
            return ExclusionReasons.OptedOut;
        }

        if (member.StoppedMarketing)
        {
            return ExclusionReasons.StoppedMarketing;
        }

        if (freeText && (member.LastInboundAt is not { } last || now >= last + WhatsAppWindow.Length))
        {
            return ExclusionReasons.OutsideWindow;
        }

        return nameRequired && BroadcastMessages.FirstName(member.Name) is null ? ExclusionReasons.NoName : null;
    }
}
