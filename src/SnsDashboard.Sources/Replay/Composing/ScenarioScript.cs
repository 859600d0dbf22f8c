using SnsDashboard.Core.Posts;

namespace SnsDashboard.Sources.Replay.Composing;

/// <summary>
/// The shared machinery of a composed scenario: scripted official/media posts, organic resident
/// posts at a time-varying rate, the life of a rescue request (copies by other accounts, reposts,
/// "救助されました"), rumours with copies and their denials, and the everyday majority.
/// A concrete scenario supplies the timeline (<see cref="Script"/>), rates and category mix.
/// </summary>
internal abstract class ScenarioScript
{
    /// <summary>Share of posts with nothing to do with the disaster (everyday posts and false friends).</summary>
    protected const double EverydayShare = 0.60;

    protected ScenarioScript(int seed, string key, long xIdBase, DateTimeOffset start, TimeSpan duration, IReadOnlyList<Place> homeArea, DateTimeOffset eventStart)
    {
        var rng = new Random(seed);
        B = new ScenarioBuilder(rng, key, xIdBase, start, start + duration);
        Authors = new AuthorPool(rng, key == "kumamoto" ? "71" : "72", 420, homeArea, eventStart);
    }

    protected ScenarioBuilder B { get; }
    protected AuthorPool Authors { get; }

    public IReadOnlyList<Post> Compose()
    {
        Script();
        Organic();
        var disaster = B.Posts.Count;
        Everyday((int)Math.Ceiling(disaster * EverydayShare / (1 - EverydayShare)));
        return B.Sorted();
    }

    /// <summary>Scripted posts: official bulletins, media, rumours and denials.</summary>
    protected abstract void Script();
    /// <summary>Organic disaster-related posts per minute at <paramref name="at"/>.</summary>
    protected abstract double DisasterRate(DateTimeOffset at);
    /// <summary>The category mix at <paramref name="at"/>.</summary>
    protected abstract IReadOnlyList<PostCategory> Mix(DateTimeOffset at);

    protected DateTimeOffset At(int day, int hour, int minute, int second = 0) =>
        new(B.Start.Year, B.Start.Month, day, hour, minute, second, B.Start.Offset);

    protected Post? Official(DateTimeOffset at, string accountId, string text, int reposts = 0, bool image = false)
    {
        var post = B.Add(at, Authors.Official(accountId), text, image: image);
        if (post is not null) Reposts(post, reposts, 1, 45);
        return post;
    }

    protected void Reposts(Post target, int count, double minMinutes, double maxMinutes)
    {
        for (var i = 0; i < count; i++)
        {
            var by = Authors.ResidentOn(B.Rng, target.Source);   // a repost stays on its platform
            B.Repost(target.CreatedAt.AddSeconds(Math.Floor((minMinutes + B.Rng.NextDouble() * (maxMinutes - minMinutes)) * 60)), by, target);
        }
    }

    /// <summary>A rumour: the original by a fresh account, copy-pasted by others, reposted, and
    /// (when <paramref name="denialBy"/> is given) denied by an official account.</summary>
    protected void Rumour(DateTimeOffset at, string text, int copies, int reposts, bool image = false,
        string? denialBy = null, double denialAfterMinutes = 30, string? denialText = null)
    {
        var author = B.Pick(Authors.RumourAccounts);
        var original = B.Add(at, author, text, image: image);
        if (original is null) return;
        for (var i = 0; i < copies; i++)
        {
            var by = B.Chance(0.4) ? B.Pick(Authors.RumourAccounts) : B.RandomResidentNot(Authors, author);
            if (ReferenceEquals(by, author)) continue;
            var copyText = B.Rng.Next(3) switch { 0 => text, 1 => "【拡散希望】" + text, _ => text + " 拡散お願いします" };
            B.Add(B.Around(at.AddMinutes(1), 50), by, copyText, image: image);
        }
        Reposts(original, reposts, 1, 60);
        if (denialBy is not null && denialText is not null)
            Official(at.AddMinutes(denialAfterMinutes), denialBy, denialText, reposts: 4 + B.Rng.Next(6));
    }

    private void Organic()
    {
        for (var minute = B.Start; minute < B.End; minute = minute.AddMinutes(1))
        {
            var rate = DisasterRate(minute);
            var count = (int)Math.Floor(rate) + (B.Chance(rate - Math.Floor(rate)) ? 1 : 0);
            var mix = Mix(minute);
            var total = mix.Sum(c => c.Weight);
            for (var k = 0; k < count; k++)
            {
                var roll = B.Rng.NextDouble() * total;
                var category = mix[^1];
                foreach (var c in mix) { if ((roll -= c.Weight) < 0) { category = c; break; } }
                OrganicPost(B.Around(minute, 1), category);
            }
        }
    }

    private void OrganicPost(DateTimeOffset at, PostCategory category)
    {
        var author = Authors.RandomResident(B.Rng);
        var place = category.Places.Count == 0 ? null : B.Pick(category.Places);
        var text = B.Fill(B.Pick(category.Templates), place, at);
        var post = B.Add(at, author, text, place, image: B.Chance(category.ImageChance), geoChance: category.GeoChance, lang: category.Lang);
        if (post is null) return;
        if (category.IsRescue) RescueFollowUps(post, author, place, text);
        else if (post.Source == "x" && B.Chance(category.RepostChance)) Reposts(post, 1 + B.Rng.Next(2), 1, 30);
    }

    /// <summary>What happens to a #救助 request: copied, reposted, and sometimes resolved.</summary>
    private void RescueFollowUps(Post request, ComposerAuthor author, Place? place, string text)
    {
        if (B.Chance(0.35))
        {
            var copies = 1 + B.Rng.Next(3);
            for (var i = 0; i < copies; i++)
            {
                var by = B.RandomResidentNot(Authors, author);
                var copyText = B.Rng.Next(4) switch { 0 or 1 => text, 2 => "【拡散希望】" + text, _ => text + " 誰か助けてあげて" };
                B.Add(B.Around(request.CreatedAt.AddMinutes(2), 40), by, copyText, place);
            }
        }
        if (request.Source == "x" && B.Chance(0.45)) Reposts(request, 1 + B.Rng.Next(3), 1, 40);
        if (B.Chance(0.25))
        {
            var at = B.Around(request.CreatedAt.AddMinutes(30), 90);
            B.Add(at, author, B.Fill(B.Pick(PhraseBank.Rescued), place, at), place);
        }
    }

    private void Everyday(int count)
    {
        var span = (B.End - B.Start).TotalMinutes;
        for (var i = 0; i < count; i++)
        {
            var at = B.Around(B.Start, span);
            var author = Authors.RandomResident(B.Rng);
            var roll = B.Rng.NextDouble();
            var templates = roll < 0.80 ? PhraseBank.Everyday : PhraseBank.FalseFriends;
            var post = B.Add(at, author, B.Fill(B.Pick(templates), null, at), image: B.Chance(0.04));
            if (post is not null && post.Source == "x" && B.Chance(0.03)) Reposts(post, 1, 1, 20);
        }
        // A handful of posts carry hostile markup (the UI must escape it).
        foreach (var hostile in PhraseBank.Hostile)
            B.Add(B.Around(B.Start, span), Authors.RandomResident(B.Rng), hostile);
    }
}
