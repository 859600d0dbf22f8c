using System.Security.Cryptography;
using System.Text;

namespace SnsDashboard.Fakes;

/// <summary>Deterministic protocol-shaped ids derived from scenario ids, so a scenario post
/// always becomes the same DID/rkey/status id on every run.</summary>
public static class FakeIds
{
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    public static string Did(string authorId) => "did:plc:" + Encode(authorId, 24);

    /// <summary>A record key (TID-like: 13 base32 chars).</summary>
    public static string RecordKey(string postId) => Encode(postId, 13);

    /// <summary>A numeric id (Mastodon statuses/accounts, X posts/users) that sorts with <paramref name="sequence"/>.</summary>
    public static string Numeric(long sequence) => (110_000_000_000_000_000L + sequence).ToString();

    private static string Encode(string value, int length)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(value));
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++) sb.Append(Base32[hash[i] & 31]);
        return sb.ToString();
    }
}
