using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI.Chat;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Consultant.Grains.Media;

/// <summary>
/// Understands a stored file: an image through the multimodal model (what it shows, its text, a meal's calories or
/// a gym photo's form), a PDF through PdfPig and then a summary, a voice note through the model's transcription.
/// Other types are kept and shown, not analysed.
/// </summary>
public sealed class MediaAnalyzer(IOptions<MediaOptions> options)
{
    private const string JsonOnly = "Answer with one JSON object and nothing else.";

    public async Task<MediaAnalysisOutcome?> AnalyseAsync(byte[] content, string mimeType, string fileName, AskAi ask, CancellationToken cancellationToken)
    {
        return MediaKind.OfMimeType(mimeType) switch
        {
            MediaKind.Image => await ImageAsync(content, mimeType, ask, cancellationToken),
            MediaKind.Pdf => await PdfAsync(content, fileName, ask, cancellationToken),
            MediaKind.Audio => await AudioAsync(content, mimeType, ask, cancellationToken),
            _ => null,
        };
    }

    private static async Task<MediaAnalysisOutcome> ImageAsync(byte[] content, string mimeType, AskAi ask, CancellationToken cancellationToken)
    {
        var prompt = new List<ChatMessage>
        {
            new(ChatRole.System,
                "You look at a photo a client sent to their fitness and finance consultant on WhatsApp. " + JsonOnly +
                $" Fields: \"kind\" (one of {string.Join(", ", MediaAnalysisKinds.Image)})," +
                """
                 "summary" (one sentence: what it shows),
                "details" (for a meal: estimated calories and grams of protein, carbohydrate and fat; for a gym or exercise photo:
                remarks on form and safety; for a document or receipt: the key figures; otherwise anything useful), "text" (any
                text visible in the image, verbatim, or "").
                """),
            new(ChatRole.User, [new TextContent("The photo:"), new DataContent(content, mimeType)]),
        };
        var answer = await ask(prompt, cancellationToken);
        return answer.Text is null
            ? Failed(MediaProblemText.ImageNotAnalysed(answer.Problem!))
            : new MediaAnalysisOutcome(ParseAnalysis(answer.Text, MediaAnalysisKinds.ImageFallback), null, null, Empty);
    }

    private async Task<MediaAnalysisOutcome> PdfAsync(byte[] content, string fileName, AskAi ask, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var extracted = PdfText.Extract(content, settings.MaxPdfPages, settings.MaxExtractedCharacters);
        var metadata = new Dictionary<string, object?> { ["pdfPages"] = extracted.Pages, ["pdfTextTruncated"] = extracted.Truncated };
        if (extracted.Error is not null)
        {
            return new MediaAnalysisOutcome(null, extracted.Error, null, metadata);
        }

        if (string.IsNullOrWhiteSpace(extracted.Text))
        {
            return new MediaAnalysisOutcome(null, MediaProblemText.PdfWithoutText, null, metadata);
        }

        var prompt = new List<ChatMessage>
        {
            new(ChatRole.System,
                "You read a document a client sent to their fitness and finance consultant on WhatsApp. " + JsonOnly +
                $" Fields: \"kind\" (one of {string.Join(", ", MediaAnalysisKinds.Document)})," +
                """
                 "summary" (one or two sentences), "details" (the key figures, dates and amounts).
                """),
            new(ChatRole.User, string.Create(CultureInfo.InvariantCulture,
                $"Document \"{fileName}\", {extracted.Pages} page(s){(extracted.Truncated ? ", text truncated" : "")}:\n\n{extracted.Text}")),
        };
        var answer = await ask(prompt, cancellationToken);
        return answer.Text is null
            ? new MediaAnalysisOutcome(null, MediaProblemText.PdfNotSummarised(answer.Problem!), extracted.Text, metadata)
            : new MediaAnalysisOutcome(ParseAnalysis(answer.Text, MediaAnalysisKinds.DocumentFallback), null, extracted.Text, metadata);
    }

    private static async Task<MediaAnalysisOutcome> AudioAsync(byte[] content, string mimeType, AskAi ask, CancellationToken cancellationToken)
    {
        var duration = AudioDuration.Seconds(content, mimeType);
        // The OpenAI wire format's input_audio part, with the format named after the file's type (Gemini reads ogg).
        // The OpenAI package marks input audio as evaluation-only; its wire format is what the endpoint documents.
#pragma warning disable OPENAI001
        var audio = new AIContent
        {
            RawRepresentation = ChatMessageContentPart.CreateInputAudioPart(BinaryData.FromBytes(content), new ChatInputAudioFormat(AudioFormat(mimeType))),
        };
#pragma warning restore OPENAI001
        var prompt = new List<ChatMessage>
        {
            new(ChatRole.System,
                "You transcribe a voice note a client sent on WhatsApp, word for word, in the language spoken. " + JsonOnly +
                " Fields: \"transcript\" (the words), \"language\" (ISO 639-1 code), \"summary\" (one sentence)."),
            new(ChatRole.User, [new TextContent("The voice note:"), audio]),
        };
        var answer = await ask(prompt, cancellationToken);
        var metadata = new Dictionary<string, object?> { ["audioDuration"] = duration };
        if (answer.Text is null)
        {
            return new MediaAnalysisOutcome(null, MediaProblemText.VoiceNoteNotTranscribed(answer.Problem!), null, metadata);
        }

        var json = FirstJsonObject(answer.Text);
        var transcript = json is { } j && j.TryGetProperty("transcript", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : answer.Text.Trim();
        metadata["audioTranscript"] = transcript;
        metadata["audioLanguage"] = json is { } l && l.TryGetProperty("language", out var language) && language.ValueKind == JsonValueKind.String ? language.GetString() : null;
        var summary = json is { } s && s.TryGetProperty("summary", out var sum) && sum.ValueKind == JsonValueKind.String ? sum.GetString()! : transcript;
        return new MediaAnalysisOutcome(new MediaAnalysis("voice_note", summary, null, transcript), null, null, metadata);
    }

    private static string AudioFormat(string mimeType) => mimeType switch
    {
        "audio/mpeg" => "mp3",
        "audio/mp4" => "m4a",
        _ => mimeType["audio/".Length..],
    };

    /// <summary>The model's JSON answer; a plain-text answer still becomes the summary.</summary>
    private static MediaAnalysis ParseAnalysis(string answer, string fallbackKind)
    {
        if (FirstJsonObject(answer) is not { } json)
        {
            return new MediaAnalysis(fallbackKind, answer.Trim(), null, null);
        }

        string? Field(string name) => json.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? value.GetRawText() : null
            : null;
        var text = Field("text");
        return new MediaAnalysis(Field("kind") ?? fallbackKind, Field("summary") ?? answer.Trim(), Field("details"), string.IsNullOrWhiteSpace(text) ? null : text);
    }

    /// <summary>The first {...} in the answer (models like to wrap JSON in code fences).</summary>
    private static JsonElement? FirstJsonObject(string answer)
    {
        var start = answer.IndexOf('{', StringComparison.Ordinal);
        var end = answer.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(answer[start..(end + 1)]);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();

    private static MediaAnalysisOutcome Failed(string error) => new(null, error, null, Empty);
}
