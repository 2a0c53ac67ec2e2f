namespace Consultant.Grains.Calendar;

/// <summary>How the return from Google's consent screen ended; the settings page says it in words.</summary>
public enum GoogleConnectOutcome
{
    Connected,

    /// <summary>The state was unknown, used, expired or another consultant's: nothing was changed.</summary>
    Refused,

    /// <summary>The consultant said no on Google's screen.</summary>
    Denied,

    /// <summary>Google did not give a lasting permission (code exchange failed or no refresh token).</summary>
    Failed,
}
