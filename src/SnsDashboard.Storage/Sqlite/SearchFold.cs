using Microsoft.Data.Sqlite;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Storage.Sqlite;

/// <summary>
/// Text search folds like the glossary and the gazetteer do (<see cref="TextNormaliser"/>: NFKC,
/// width, case, katakana → hiragana …), so 「ＪＲ九州」 finds 「jr九州」 and 「ヒナンジョ」 finds
/// 「ひなんじょ」. The trigram index holds the folded text of relevant posts (folded off the writer
/// thread, in <see cref="PostEncoding"/>); a query folds the phrase the same way, and the exact
/// check folds only the rows the index let through, with the <c>sns_fold(text)</c> SQL function
/// registered on every connection.
/// </summary>
internal static class SearchFold
{
    public const string Function = "sns_fold";

    public static string Fold(string text) => TextNormaliser.Normalise(text).Value;

    public static void Register(SqliteConnection connection) =>
        connection.CreateFunction<string?, string?>(Function, t => t is null ? null : Fold(t), isDeterministic: true);
}
