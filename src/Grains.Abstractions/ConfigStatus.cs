namespace Consultant.Grains.Abstractions;

[GenerateSerializer]
[Alias("Consultant.ConfigStatus")]
public enum ConfigStatus
{
    NotConfigured = 0,
    Configured = 1,
    Error = 2,
}
