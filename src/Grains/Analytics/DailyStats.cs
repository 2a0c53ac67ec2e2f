namespace Consultant.Grains.Analytics;

/// <summary>
/// One local day of a consultant's WhatsApp, in their time zone: the row behind every chart, the API and the CSV.
/// Messages are counted on the day they were written; a reply's response time on the day of the reply.
/// </summary>
/// <param name="Total">Inbound and outbound together.</param>
/// <param name="Outbound">Every message we wrote that was not cancelled: AI, consultant, automated and system (STOP/START) ones.</param>
/// <param name="AiReplies">Messages (reply parts) the AI wrote.</param>
/// <param name="ConsultantReplies">Messages the consultant wrote by hand (text, template, file).</param>
/// <param name="Automated">Follow-ups, broadcasts and flow messages.</param>
/// <param name="UniqueContacts">Contacts who wrote that day.</param>
/// <param name="NewLeads">Contacts who were leads when they first wrote, and first wrote that day (as the Overview counts them).</param>
/// <param name="ConvertedLeads">Leads who became clients that day.</param>
/// <param name="AiResponseSeconds">From the last inbound message of a batch to the AI's reply being sent.</param>
/// <param name="ConsultantResponseSeconds">
/// From the first message left waiting for the consultant (the AI did not answer it: AI off, needs reply, or taken over)
/// to the consultant's reply. Never mixed with the AI's.
/// </param>
/// <param name="Images">Images received.</param>
/// <param name="Documents">Other files received (PDFs and the like; not images, audio or video).</param>
/// <param name="Audio">Voice notes and audio files received.</param>
/// <param name="Failed">Messages we wrote that could not be sent or delivered.</param>
/// <param name="AiCalls">Calls to the AI for this consultant (replies and media analysis, every attempt).</param>
/// <param name="EstimatedCost">The tokens at <c>Ai:InputPricePerMillion</c>/<c>Ai:OutputPricePerMillion</c>; null when no price is set.</param>
public sealed record DailyStats(
    DateOnly Date,
    int Total,
    int Inbound,
    int Outbound,
    int AiReplies,
    int ConsultantReplies,
    int Automated,
    int UniqueContacts,
    int NewLeads,
    int ConvertedLeads,
    ResponseSeconds AiResponseSeconds,
    ResponseSeconds ConsultantResponseSeconds,
    int Images,
    int Documents,
    int Audio,
    int Failed,
    int AiCalls,
    long AiTokensIn,
    long AiTokensOut,
    decimal? EstimatedCost);
