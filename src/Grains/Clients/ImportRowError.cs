namespace Consultant.Grains.Clients;

public sealed record ImportRowError(int Row, string Field, string Message);
