using System.Buffers.Binary;

namespace Videnscenter.Media.Images;

/// <summary>
/// Counts the frames of a GIF or WebP from its block structure, without decoding any pixels.
/// ImageSharp 2.1's Identify reports width and height but not the number of frames, and the frame
/// limit has to hold before anything is decoded, so we walk the blocks ourselves. Stops counting
/// once past <c>stopAfter</c>. PNG (ImageSharp 2.1 reads no APNG frames) and JPEG have one.
/// </summary>
public static class FrameCounter
{
    public static int Count(ReadOnlySpan<byte> data, int stopAfter)
    {
        if (data.StartsWith("GIF8"u8)) return CountGif(data, stopAfter);
        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8)) return CountWebP(data, stopAfter);
        return 1;
    }

    private static int CountGif(ReadOnlySpan<byte> data, int stopAfter)
    {
        // Header (6) and logical screen descriptor (7), then the global colour table if flagged.
        if (data.Length < 13) return 0;
        var position = 13 + ColourTableLength(data[10]);
        var frames = 0;
        while (position < data.Length && frames <= stopAfter)
        {
            switch (data[position])
            {
                case 0x2C: // image descriptor (10 bytes), local colour table, LZW code size, data sub-blocks
                    frames++;
                    if (position + 10 > data.Length) return frames;
                    position += 10 + ColourTableLength(data[position + 9]) + 1;
                    position = SkipSubBlocks(data, position);
                    break;
                case 0x21: // extension: introducer, label, data sub-blocks
                    position = SkipSubBlocks(data, position + 2);
                    break;
                default: // 0x3B trailer, or anything else: the end of what can be read
                    return frames;
            }
        }
        return frames;
    }

    private static int ColourTableLength(byte flags) => (flags & 0x80) != 0 ? 3 * (1 << ((flags & 0x07) + 1)) : 0;

    private static int SkipSubBlocks(ReadOnlySpan<byte> data, int position)
    {
        while (position < data.Length)
        {
            var size = data[position];
            position += 1 + size;
            if (size == 0) break;
        }
        return position;
    }

    private static int CountWebP(ReadOnlySpan<byte> data, int stopAfter)
    {
        var frames = 0;
        var position = 12;
        while (position + 8 <= data.Length && frames <= stopAfter)
        {
            var fourCc = data.Slice(position, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(position + 4, 4));
            if (fourCc.SequenceEqual("ANMF"u8)) frames++;
            // Chunks are padded to an even length.
            var next = position + 8L + size + (size & 1);
            if (next > data.Length) break;
            position = (int)next;
        }
        return Math.Max(frames, 1);
    }
}
