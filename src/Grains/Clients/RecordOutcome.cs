namespace Consultant.Grains.Clients;

public enum RecordOutcome
{
    Saved,
    Invalid,
    ClientNotFound,
}
