using Microsoft.Extensions.Localization;

namespace Consultant.Web.Shared;

public sealed partial class ServiceMessages
{
    /// <summary>Why a photo, PDF or voice note could not be fetched, kept or understood.</summary>
    private LocalizedString[] MediaWordings() =>
    [
        L["Not downloaded: WhatsApp is not configured, so there are no Twilio credentials."],
        L["Not downloaded: Twilio gave no usable address for the file."],
        L["Not downloaded: too many redirects, or a redirect without a target."],
        L["The stored file is missing."],
        L["A file of the demo history: there is no file to show."],
        L["Downloading and analysing the file took too long."],
        L["The PDF is password-protected, so it could not be read."],
        L["The PDF is damaged or not really a PDF, so it could not be read."],
        L["The PDF has no text layer (a scan?), so its content could not be read."],
        L["Not downloaded: {0} is not Twilio's media host."],
        L["Not downloaded: Twilio answered HTTP {0} for the file."],
        L["Not downloaded: the file could not be fetched ({0})."],
        L["Not downloaded: Twilio redirected to {0} without https."],
        L["Not downloaded: the redirect pointed to an internal address ({0})."],
        L["Not downloaded: {0} is an internal address."],
        L["Not kept: the file is larger than {0} MB (more than {1} MB)."],
        L["Not kept: the file is larger than {0} MB ({1} MB)."],
        L["Not sent: the file is larger than {0} MB (more than {1} MB)."],
        L["Not sent: the file is larger than {0} MB ({1} MB)."],
        L["Not kept: the file claims to be {0} but its content is not a PDF."],
        L["Not kept: the file claims to be {0} but its content is not an image."],
        L["Not kept: the file claims to be {0} but its content is not audio."],
        L["The file could not be processed: {0} attempts failed, so it is not tried again."],
        L["The image could not be analysed: {0}"],
        L["The PDF's text was read but not summarised: {0}"],
        L["The voice note could not be transcribed: {0}"],
    ];
}
