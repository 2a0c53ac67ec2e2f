using Consultant.Grains.FollowUps;

namespace Consultant.Api.FollowUps;

/// <param name="ConversationId">The conversation whose contact the message is written for.</param>
/// <param name="Rule">The rule as edited (not saved).</param>
public sealed record PreviewFollowUpRequest(Guid ConversationId, FollowUpRule? Rule);
