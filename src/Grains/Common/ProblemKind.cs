namespace Consultant.Grains.Common;

/// <summary>Why a request was refused: the closed set every service answers with, and the API maps to a status (ResultHttpMapping).</summary>
public enum ProblemKind
{
    /// <summary>A field is missing or breaks a rule; <see cref="Problem.Errors"/> names it (400).</summary>
    Invalid,

    /// <summary>Not there, or not the consultant's: the two are not told apart (404).</summary>
    NotFound,

    /// <summary>Clashes with what exists (a phone, a number, an e-mail taken; a send still running) (409).</summary>
    Conflict,

    /// <summary>Too many failed attempts: refused until <see cref="Problem.RetryAt"/> (429 with Retry-After).</summary>
    TooManyAttempts,

    /// <summary>The credentials are wrong (401).</summary>
    Unauthorized,
}
