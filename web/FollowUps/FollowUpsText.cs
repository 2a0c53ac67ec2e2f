namespace Consultant.Web.FollowUps;

/// <summary>The texts of the Follow-ups page and the chat header's next follow-up; keys are the English texts, <c>FollowUpsText.it.resx</c> the Italian.</summary>
public sealed class FollowUpsText;
