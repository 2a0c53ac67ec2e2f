namespace Consultant.Grains.Clients;

public sealed record FinanceSnapshot(
    string Currency, decimal MonthlyIncome, decimal MonthlyExpenses, decimal SavingsGoal, string? Notes, DateTimeOffset UpdatedAt);
