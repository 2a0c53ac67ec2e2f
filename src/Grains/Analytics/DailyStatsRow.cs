namespace Consultant.Grains.Analytics;

/// <summary>A day as the query computes it and <c>whatsapp_daily_stats</c> stores it: flat, one property a column.</summary>
internal sealed class DailyStatsRow
{
    public DateOnly Date { get; init; }
    public int Inbound { get; init; }
    public int Outbound { get; init; }
    public int AiReplies { get; init; }
    public int ConsultantReplies { get; init; }
    public int Automated { get; init; }
    public int UniqueContacts { get; init; }
    public int NewLeads { get; init; }
    public int ConvertedLeads { get; init; }
    public int AiResponseCount { get; init; }
    public double? AiResponseAvg { get; init; }
    public double? AiResponseMedian { get; init; }
    public double? AiResponseP90 { get; init; }
    public int ConsultantResponseCount { get; init; }
    public double? ConsultantResponseAvg { get; init; }
    public double? ConsultantResponseMedian { get; init; }
    public double? ConsultantResponseP90 { get; init; }
    public int Images { get; init; }
    public int Documents { get; init; }
    public int Audio { get; init; }
    public int Failed { get; init; }
    public int AiCalls { get; init; }
    public long AiTokensIn { get; init; }
    public long AiTokensOut { get; init; }

    /// <summary>The columns of <c>whatsapp_daily_stats</c> after consultant_id, day and time_zone, in the order of the properties above.</summary>
    public const string StoredColumns =
        """
        inbound, outbound, ai_replies, consultant_replies, automated, unique_contacts, new_leads, converted_leads,
        ai_response_count, ai_response_avg, ai_response_median, ai_response_p90,
        consultant_response_count, consultant_response_avg, consultant_response_median, consultant_response_p90,
        images, documents, audio, failed, ai_calls, ai_tokens_in, ai_tokens_out
        """;

    /// <summary>The parameters for <see cref="StoredColumns"/>.</summary>
    public const string StoredParameters =
        """
        @Inbound, @Outbound, @AiReplies, @ConsultantReplies, @Automated, @UniqueContacts, @NewLeads, @ConvertedLeads,
        @AiResponseCount, @AiResponseAvg, @AiResponseMedian, @AiResponseP90,
        @ConsultantResponseCount, @ConsultantResponseAvg, @ConsultantResponseMedian, @ConsultantResponseP90,
        @Images, @Documents, @Audio, @Failed, @AiCalls, @AiTokensIn, @AiTokensOut
        """;

    public DailyStats ToStats(AiPrices prices) => new(
        Date, Inbound + Outbound, Inbound, Outbound, AiReplies, ConsultantReplies, Automated, UniqueContacts, NewLeads, ConvertedLeads,
        new ResponseSeconds(AiResponseCount, AiResponseAvg, AiResponseMedian, AiResponseP90),
        new ResponseSeconds(ConsultantResponseCount, ConsultantResponseAvg, ConsultantResponseMedian, ConsultantResponseP90),
        Images, Documents, Audio, Failed, AiCalls, AiTokensIn, AiTokensOut, prices.CostOf(AiTokensIn, AiTokensOut));
}
