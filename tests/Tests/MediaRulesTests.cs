using System.Net;
using Consultant.Grains.Media;
using Consultant.TestSupport;
using Microsoft.Extensions.Options;

namespace Consultant.Tests;

/// <summary>The small rules under media handling: safe names and paths, public addresses, types from bytes, lengths.</summary>
public sealed class MediaRulesTests
{
    [TestCase("../../etc/passwd", "passwd")]
    [TestCase("..\\..\\windows\\win.ini", "win.ini")]
    [TestCase(".htaccess", "htaccess")]
    [TestCase("bank statement (oct).pdf", "bank_statement__oct_.pdf")]
    [TestCase("", "file")]
    [TestCase("..", "file")]
    public void File_names_are_sanitised(string name, string expected) =>
        Assert.That(FileSystemMediaStore.SafeFileName(name), Is.EqualTo(expected));

    [Test]
    public async Task The_store_never_reads_or_writes_outside_its_root()
    {
        var root = Path.Combine(Path.GetTempPath(), "consultant-tests", Guid.NewGuid().ToString("N"));
        var store = new FileSystemMediaStore(Options.Create(new StorageOptions { Root = root }));
        var consultant = Guid.NewGuid();
        var message = Guid.NewGuid();

        var path = await store.SaveAsync(consultant, message, "../../../evil.sh", new byte[] { 1, 2, 3 }, CancellationToken.None);

        Assert.That(path, Is.EqualTo(Path.Combine("media", consultant.ToString(), $"{message}_evil.sh")));
        Assert.That(File.Exists(Path.Combine(root, path)), Is.True);
        Assert.That(store.OpenRead("../../../../etc/passwd"), Is.Null);
        Assert.That(store.OpenRead("/etc/passwd"), Is.Null);
    }

    [TestCase("127.0.0.1", false)]
    [TestCase("10.1.2.3", false)]
    [TestCase("172.16.0.1", false)]
    [TestCase("192.168.1.1", false)]
    [TestCase("169.254.169.254", false)]
    [TestCase("100.64.0.1", false)]
    [TestCase("0.0.0.0", false)]
    [TestCase("::1", false)]
    [TestCase("fe80::1", false)]
    [TestCase("fd00::1", false)]
    [TestCase("::ffff:127.0.0.1", false)]
    [TestCase("54.172.60.1", true)]
    [TestCase("2600:1f18::1", true)]
    public void Only_public_addresses_are_reachable(string address, bool isPublic) =>
        Assert.That(NetworkAddresses.IsPublic(IPAddress.Parse(address)), Is.EqualTo(isPublic));

    [Test]
    public void Types_come_from_the_bytes()
    {
        Assert.That(MediaSniffer.Sniff(MediaFixtures.Png()), Is.EqualTo("image/png"));
        Assert.That(MediaSniffer.Sniff(MediaFixtures.Pdf("x")), Is.EqualTo("application/pdf"));
        Assert.That(MediaSniffer.Sniff(MediaFixtures.OggOpus(1)), Is.EqualTo("audio/ogg"));
        Assert.That(MediaSniffer.Sniff("<html>"u8), Is.Null);
    }

    [Test]
    public void A_voice_notes_length_is_read_from_its_container() =>
        Assert.That(AudioDuration.Seconds(MediaFixtures.OggOpus(3.2), "audio/ogg"), Is.EqualTo(3.2));
}
