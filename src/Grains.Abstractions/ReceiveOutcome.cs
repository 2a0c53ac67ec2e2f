namespace Consultant.Grains.Abstractions;

[GenerateSerializer]
[Alias("Consultant.ReceiveOutcome")]
public enum ReceiveOutcome
{
    Accepted = 0,
    Duplicate = 1,
}
