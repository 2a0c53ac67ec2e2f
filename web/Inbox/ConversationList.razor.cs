using Consultant.Grains.Accounts;
using Consultant.Grains.Inbox;
using Microsoft.AspNetCore.Components;

namespace Consultant.Web.Inbox;

/// <summary>The conversation list with its search and filters; what it shows and asks for belongs to the page.</summary>
public sealed partial class ConversationList
{
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Null while loading.</summary>
    [Parameter]
    public IReadOnlyList<ConversationListItem>? Items { get; set; }

    /// <summary>Why the list could not be loaded, shown instead of it.</summary>
    [Parameter]
    public string? Error { get; set; }

    [Parameter]
    public Guid? SelectedId { get; set; }

    [Parameter]
    public string Search { get; set; } = string.Empty;

    [Parameter]
    public EventCallback<string> SearchChanged { get; set; }

    [Parameter]
    public ConversationFilter Filter { get; set; }

    [Parameter]
    public EventCallback<ConversationFilter> FilterChanged { get; set; }

    /// <summary>The period of a filter from the Overview, for its label.</summary>
    [Parameter]
    public CalendarPeriod Period { get; set; }

    private void Open(Guid conversationId) => Navigation.NavigateTo($"/conversations/{conversationId}");
}
