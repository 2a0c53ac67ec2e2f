namespace Consultant.Grains.Abstractions;

[GenerateSerializer]
[Alias("Consultant.SaveWhatsAppConfigOutcome")]
public enum SaveWhatsAppConfigOutcome
{
    Saved = 0,
    NumberTakenByAnotherConsultant = 1,
    AuthTokenRequired = 2,
}
