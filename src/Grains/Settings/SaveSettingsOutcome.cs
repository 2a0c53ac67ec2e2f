namespace Consultant.Grains.Settings;

public enum SaveSettingsOutcome
{
    Saved,
    Invalid,
    NumberTaken,
}
