namespace Consultant.Grains.Accounts;

public enum RegisterOutcome
{
    Created,
    Invalid,
    EmailTaken,
}
