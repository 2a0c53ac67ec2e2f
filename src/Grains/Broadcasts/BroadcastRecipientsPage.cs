namespace Consultant.Grains.Broadcasts;

/// <summary>One page of a broadcast's recipients (<see cref="BroadcastService.PageSize"/> a page, by number).</summary>
public sealed record BroadcastRecipientsPage(int Page, int PageSize, IReadOnlyList<BroadcastRecipient> Recipients);
