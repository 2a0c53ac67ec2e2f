using System.Buffers.Binary;

namespace Consultant.Grains.Media;

/// <summary>
/// The length of a voice note read from its container: Ogg (Opus, Vorbis), AMR-NB and WAV. Null for other
/// formats (mp3, m4a), where the dashboard shows no length.
/// </summary>
public static class AudioDuration
{
    // Bytes of speech per 20 ms frame for each AMR-NB mode; 0: no-data or unused modes.
    private static readonly int[] AmrFrameBytes = [12, 13, 15, 17, 19, 20, 26, 31, 5, 0, 0, 0, 0, 0, 0, 0];

    public static double? Seconds(ReadOnlySpan<byte> file, string mimeType) => mimeType switch
    {
        "audio/ogg" => Ogg(file),
        "audio/amr" => Amr(file),
        "audio/wav" => Wav(file),
        _ => null,
    };

    private static double? Ogg(ReadOnlySpan<byte> file)
    {
        // The first page holds the codec header; the last page's granule position is the sample count.
        if (file.Length < 28 || !file.StartsWith("OggS"u8))
        {
            return null;
        }

        var segments = file[26];
        var packet = file[Math.Min(file.Length, 27 + segments)..];
        double rate;
        long preSkip = 0;
        if (packet.StartsWith("OpusHead"u8) && packet.Length >= 12)
        {
            rate = 48000; // Opus granule positions always count 48 kHz samples
            preSkip = BinaryPrimitives.ReadUInt16LittleEndian(packet[10..12]);
        }
        else if (packet.Length >= 16 && packet[0] == 1 && packet[1..7].SequenceEqual("vorbis"u8))
        {
            rate = BinaryPrimitives.ReadUInt32LittleEndian(packet[12..16]);
        }
        else
        {
            return null;
        }

        var last = file.LastIndexOf("OggS"u8);
        if (last < 0 || last + 14 > file.Length || rate <= 0)
        {
            return null;
        }

        var granule = BinaryPrimitives.ReadInt64LittleEndian(file[(last + 6)..(last + 14)]);
        return granule <= preSkip ? null : Math.Round((granule - preSkip) / rate, 2);
    }

    private static double? Amr(ReadOnlySpan<byte> file)
    {
        var position = "#!AMR\n"u8.Length;
        var frames = 0;
        while (position < file.Length)
        {
            var mode = (file[position] >> 3) & 0x0F;
            position += 1 + AmrFrameBytes[mode];
            frames++;
        }

        return frames == 0 ? null : Math.Round(frames * 0.02, 2);
    }

    private static double? Wav(ReadOnlySpan<byte> file)
    {
        uint byteRate = 0;
        for (var position = 12; position + 8 <= file.Length;)
        {
            var id = file[position..(position + 4)];
            var size = BinaryPrimitives.ReadUInt32LittleEndian(file[(position + 4)..(position + 8)]);
            if (id.SequenceEqual("fmt "u8) && position + 20 <= file.Length)
            {
                byteRate = BinaryPrimitives.ReadUInt32LittleEndian(file[(position + 16)..(position + 20)]);
            }
            else if (id.SequenceEqual("data"u8))
            {
                return byteRate == 0 ? null : Math.Round(size / (double)byteRate, 2);
            }

            position += 8 + (int)Math.Min(size + (size & 1), int.MaxValue - position - 8);
        }

        return null;
    }
}
