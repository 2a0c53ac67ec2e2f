using Consultant.Grains.Common;

namespace Consultant.Grains.Accounts;

public sealed record RegisterResult(RegisterOutcome Outcome, ConsultantAccount? Account, ValidationErrors Errors);
