using Consultant.Grains.Clients;
using Consultant.Grains.Messages;

namespace Consultant.Grains.Replying;

/// <summary>
/// What happened to a batch. <see cref="Problem"/> set: the consultant has to reply (shown in the dashboard);
/// <see cref="AwaitsAiKey"/>: a usable AI key would answer it, so it is answered again once one is saved.
/// </summary>
public sealed record BatchOutcome(Client? Client, IReadOnlyList<ReplyIntent> SentParts, string? Problem, DateTimeOffset At, bool AwaitsAiKey = false);
