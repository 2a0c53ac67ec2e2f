namespace Consultant.Grains.Replying;

[GenerateSerializer]
[Alias("Consultant.OptOutChange")]
public enum OptOutChange
{
    None,
    OptOut,
    OptIn,
}
