using System.Text.Json;
using Consultant.Grains.Media;
using Consultant.Grains.Storage;

namespace Consultant.Tests;

public sealed class DatabaseTextTests
{
    [Test]
    public void Json_for_jsonb_carries_no_nul_in_properties_or_dictionary_values()
    {
        var analysis = JsonSerializer.Serialize(new MediaAnalysis("bank\0_statement", "Sum\0mary", null, "te\0xt"), DatabaseText.Json);
        var metadata = JsonSerializer.Serialize(new Dictionary<string, object?> { ["audioTranscript"] = "he\0llo", ["audioDuration"] = 2.5 }, DatabaseText.Json);

        Assert.That(analysis + metadata, Does.Not.Contain("\\u0000"));
        Assert.That((analysis + metadata).Contains('\0', StringComparison.Ordinal), Is.False);
        Assert.That(JsonSerializer.Deserialize<MediaAnalysis>(analysis, DatabaseText.Json)!.Summary, Is.EqualTo("Summary"));
        Assert.That(metadata, Does.Contain("\"hello\""));
    }

    [Test]
    public void Clean_removes_only_nul() =>
        Assert.That((DatabaseText.Clean("a\0b\0"), DatabaseText.Clean("plain"), DatabaseText.Clean(null)), Is.EqualTo(("ab", "plain", (string?)null)));
}
