using System.Text;

namespace SnsDashboard.Core.Geo.Import;

/// <summary>Reads an official file as strict UTF-8 (BOM allowed): a Shift_JIS file is reported, never mis-decoded.</summary>
internal static class SourceText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[]? ReadUtf8Bytes(string path, ImportLog log)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { log.Add(path, 0, $"cannot read: {e.Message}", fatal: false); return null; }
        int skip = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try { Strict.GetCharCount(bytes, skip, bytes.Length - skip); }
        catch (DecoderFallbackException)
        {
            int line = 1 + bytes.AsSpan(0, Math.Max(0, FirstInvalid(bytes))).Count((byte)'\n');
            log.Add(path, line, "not valid UTF-8 (Shift_JIS/CP932?): convert the file to UTF-8");
            return null;
        }
        return skip == 0 ? bytes : bytes[skip..];
    }

    public static string? ReadUtf8(string path, ImportLog log) => ReadUtf8Bytes(path, log) is { } b ? Strict.GetString(b) : null;

    private static int FirstInvalid(byte[] bytes)
    {
        var decoder = Strict.GetDecoder();
        var chars = new char[4];
        for (int i = 0; i < bytes.Length; i++)
        {
            try { decoder.GetChars(bytes, i, 1, chars, 0, flush: false); }
            catch (DecoderFallbackException) { return i; }
        }
        return bytes.Length;
    }
}
