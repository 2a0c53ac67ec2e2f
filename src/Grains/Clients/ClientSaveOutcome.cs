namespace Consultant.Grains.Clients;

public enum ClientSaveOutcome
{
    Saved,
    Invalid,
    NotFound,
    PhoneTaken,
}
