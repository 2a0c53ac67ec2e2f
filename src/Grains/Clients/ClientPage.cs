namespace Consultant.Grains.Clients;

public sealed record ClientPage(IReadOnlyList<Client> Items, int Total, int Page, int PageSize);
