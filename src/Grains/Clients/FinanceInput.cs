namespace Consultant.Grains.Clients;

public sealed record FinanceInput(string? Currency, decimal? MonthlyIncome, decimal? MonthlyExpenses, decimal? SavingsGoal, string? Notes);
