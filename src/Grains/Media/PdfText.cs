using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Consultant.Grains.Media;

/// <summary>The text of a PDF with PdfPig, within page and size limits; an encrypted or broken file is an error, not a crash.</summary>
public static class PdfText
{
    public static PdfTextResult Extract(byte[] content, int maxPages, int maxCharacters)
    {
        try
        {
            using var document = PdfDocument.Open(content);
            var pages = document.NumberOfPages;
            var text = new StringBuilder();
            var truncated = pages > maxPages;
            for (var number = 1; number <= Math.Min(pages, maxPages) && text.Length < maxCharacters; number++)
            {
                var words = document.GetPage(number).GetWords().Select(word => word.Text);
                text.AppendLine(string.Join(' ', words));
            }

            if (text.Length > maxCharacters)
            {
                text.Length = maxCharacters;
                truncated = true;
            }

            return new PdfTextResult(text.ToString().Trim(), pages, truncated, null);
        }
        catch (PdfDocumentEncryptedException)
        {
            return new PdfTextResult(null, 0, false, MediaProblemText.PasswordProtectedPdf);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // PdfPig reports a damaged file through many exception types; none of them may stop the conversation.
            return new PdfTextResult(null, 0, false, MediaProblemText.DamagedPdf);
        }
    }
}
