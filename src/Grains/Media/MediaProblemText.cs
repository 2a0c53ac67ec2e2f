using System.Globalization;

namespace Consultant.Grains.Media;

/// <summary>
/// Why a file could not be fetched, kept or understood, in words the consultant reads under it in the chat (stored
/// with the file, English as the API gives it; the dashboard shows it in its own language). Every such text is here.
/// </summary>
public static class MediaProblemText
{
    public const string NoCredentials = "Not downloaded: WhatsApp is not configured, so there are no Twilio credentials.";
    public const string NoUsableAddress = "Not downloaded: Twilio gave no usable address for the file.";
    public const string TooManyRedirects = "Not downloaded: too many redirects, or a redirect without a target.";
    public const string StoredFileMissing = "The stored file is missing.";

    /// <summary>The demo history's photos, PDFs and voice notes: only their messages are seeded, not the files.</summary>
    public const string DemoFile = "A file of the demo history: there is no file to show.";
    public const string TookTooLong = "Downloading and analysing the file took too long.";
    public const string PasswordProtectedPdf = "The PDF is password-protected, so it could not be read.";
    public const string DamagedPdf = "The PDF is damaged or not really a PDF, so it could not be read.";
    public const string PdfWithoutText = "The PDF has no text layer (a scan?), so its content could not be read.";

    public static string NotTwilioHost(string host) => $"Not downloaded: {host} is not Twilio's media host.";

    public static string TwilioAnswered(int status) => string.Create(CultureInfo.InvariantCulture, $"Not downloaded: Twilio answered HTTP {status} for the file.");

    public static string NotFetched(string detail) => $"Not downloaded: the file could not be fetched ({detail}).";

    public static string RedirectWithoutHttps(string host) => $"Not downloaded: Twilio redirected to {host} without https.";

    public static string RedirectToInternalAddress(string host) => $"Not downloaded: the redirect pointed to an internal address ({host}).";

    public static string InternalAddress(string host) => $"Not downloaded: {host} is an internal address.";

    /// <summary>A file received over the limit (not kept), or one the consultant attaches (not sent).</summary>
    public static string TooLarge(long size, long limit, bool sending = false) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{(sending ? "Not sent" : "Not kept")}: the file is larger than {limit / (1024 * 1024)} MB ({(size > limit ? "more than " : "")}{size / (1024.0 * 1024):0.0} MB).");

    /// <summary>The bytes are not what the declared type says (<paramref name="claimed"/>: image, pdf or audio).</summary>
    public static string NotWhatItClaims(string? declared, string claimed) => claimed == MediaKind.Pdf
        ? $"Not kept: the file claims to be {declared} but its content is not a PDF."
        : claimed == MediaKind.Image
            ? $"Not kept: the file claims to be {declared} but its content is not an image."
            : $"Not kept: the file claims to be {declared} but its content is not audio.";

    public static string GaveUp(int attempts) =>
        string.Create(CultureInfo.InvariantCulture, $"The file could not be processed: {attempts} attempts failed, so it is not tried again.");

    /// <param name="problem">Why the AI did not answer (<see cref="Ai.AiProblemText"/>).</param>
    public static string ImageNotAnalysed(string problem) => $"The image could not be analysed: {problem}";

    public static string PdfNotSummarised(string problem) => $"The PDF's text was read but not summarised: {problem}";

    public static string VoiceNoteNotTranscribed(string problem) => $"The voice note could not be transcribed: {problem}";
}
