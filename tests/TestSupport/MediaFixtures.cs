using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Consultant.TestSupport;

/// <summary>Media files made by the tests themselves: a PNG, a PDF written with PdfPig, an Ogg Opus voice note.</summary>
public static class MediaFixtures
{
    /// <summary>A valid RGB PNG of one colour; <paramref name="padding"/> extra bytes in a private chunk make it large.</summary>
    public static byte[] Png(int width = 8, int height = 8, int padding = 0)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        PngChunk(output, "IHDR", header);
        using (var pixels = new MemoryStream())
        {
            using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
            {
                for (var y = 0; y < height; y++)
                {
                    zlib.WriteByte(0); // no filter
                    for (var x = 0; x < width; x++)
                    {
                        zlib.Write([200, 80, 40]);
                    }
                }
            }

            PngChunk(output, "IDAT", pixels.ToArray());
        }

        if (padding > 0)
        {
            PngChunk(output, "teSt", new byte[padding]);
        }

        PngChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>A one-page PDF with these lines, written with PdfPig.</summary>
    public static byte[] Pdf(params string[] lines)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        var y = 780.0;
        foreach (var line in lines)
        {
            page.AddText(line, 12, new PdfPoint(40, y), font);
            y -= 18;
        }

        return builder.Build();
    }

    /// <summary>
    /// A one-page PDF written by hand, uncompressed, showing <paramref name="literal"/> as a PDF string literal as is
    /// (escapes such as \000 included): for bytes PdfPig's writer refuses to draw, such as NUL.
    /// </summary>
    public static byte[] PdfWithLiteral(string literal)
    {
        var content = $"BT /F1 12 Tf 40 780 Td ({literal}) Tj ET";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            $"<< /Length {Encoding.Latin1.GetByteCount(content)} >>\nstream\n{content}\nendstream",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var index = 0; index < objects.Length; index++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{index + 1} 0 obj\n{objects[index]}\nendobj\n");
        }

        var xref = Encoding.Latin1.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        offsets.ForEach(offset => pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n"));
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(pdf.ToString());
    }

    /// <summary>An Ogg Opus stream that lasts <paramref name="seconds"/> (headers plus one page whose granule says so).</summary>
    public static byte[] OggOpus(double seconds)
    {
        const ushort preSkip = 312;
        var head = new byte[19];
        "OpusHead"u8.CopyTo(head);
        head[8] = 1; // version
        head[9] = 1; // mono
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(10), preSkip);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(12), 48000);
        var vendor = "consultant-tests"u8.ToArray();
        var tags = new byte[8 + 4 + vendor.Length + 4];
        "OpusTags"u8.CopyTo(tags);
        BinaryPrimitives.WriteUInt32LittleEndian(tags.AsSpan(8), (uint)vendor.Length);
        vendor.CopyTo(tags, 12);
        using var output = new MemoryStream();
        OggPage(output, 0x02, 0, 0, head);
        OggPage(output, 0x00, 0, 1, tags);
        OggPage(output, 0x04, preSkip + (long)(seconds * 48000), 2, [0xF8, 0xFF, 0xFE]); // one silent Opus frame
        return output.ToArray();
    }

    private static void PngChunk(Stream output, string type, byte[] data)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        output.Write(typeBytes);
        output.Write(data);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32([.. typeBytes, .. data]));
        output.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static void OggPage(Stream output, byte headerType, long granule, uint sequence, byte[] packet)
    {
        var page = new byte[27 + 1 + packet.Length];
        "OggS"u8.CopyTo(page);
        page[5] = headerType;
        BinaryPrimitives.WriteInt64LittleEndian(page.AsSpan(6), granule);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(14), 1); // stream serial
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(18), sequence);
        page[26] = 1; // one segment
        page[27] = (byte)packet.Length;
        packet.CopyTo(page, 28);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(22), OggCrc(page));
        output.Write(page);
    }

    /// <summary>Ogg's CRC-32: polynomial 0x04C11DB7, not reflected, initial value 0, over the page with the CRC field zero.</summary>
    private static uint OggCrc(byte[] page)
    {
        var crc = 0u;
        foreach (var b in page)
        {
            crc ^= (uint)b << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80000000u) != 0 ? (crc << 1) ^ 0x04C11DB7u : crc << 1;
            }
        }

        return crc;
    }
}
