using System.Globalization;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Reliability;
using SnsDashboard.Core.Text;
using AuthorKey = (string Source, string Id);

namespace SnsDashboard.Core.Claims;

/// <summary>
/// The one stateful stage of reliability: groups posts into claims, counts independent authors,
/// links denials and contradictions to the claims they contradict, keeps each claim's status and
/// publishes it to the <see cref="ClaimStatusBoard"/>. Pure rules live in <see cref="ClaimGrading"/>;
/// this class only holds the bounded state. Not thread-safe: one ordered stream per instance.
/// </summary>
/// <remarks>
/// A claim is "posts about the same thing": the same place key (town, or a ~1 km cell for exact
/// points, or the municipality when that is all we know) and the same main category, while posts
/// keep arriving within <see cref="ClaimTrackerOptions.Window"/> of the last one. Copies (near-
/// duplicate texts), reposts and quotes join the claim of the post they copy but never count as
/// independent; neither do accounts younger than 7 days (the classic vector of coordinated
/// rumours). Posts without a place or a category are claims of their own (with their copies).
/// Edited copies (the copied sentence kept in one piece, words added around it) join the claim of
/// the post they copy like verbatim ones. Denials (デマ, 事実ではありません …) are linked to claims
/// by their reply/quote target, by shared content bigrams (place names left out), by the
/// statement they deny (「本震が来るという予言」 → 本震が来る) — both content links only within the
/// denial's place scope — or by the same place key and category;
/// contradictions (停電していません) only by place key and category. A denial arriving before the rumour still counts: new claims are checked
/// against the recent denials. Claim ids are deterministic ("c-" + 16 hex digits of a hash of the
/// topic and the first post), so a replay gives the same ids. Memory is bounded by the claim and
/// post capacities; the oldest are forgotten first.
/// </remarks>
public sealed class ClaimTracker
{
    private static readonly HashSet<string> NonTopicCategories = ["rumor_or_denial", "caution_advice"];
    private const string Pipeline = "pipeline";

    private readonly ClaimStatusBoard _board;
    private readonly ClaimTrackerOptions _options;
    private readonly RingMap<PostKey, PostMemo> _posts;
    private readonly Dictionary<string, Claim> _openByTopic = new();
    private readonly Claim?[] _claims;
    private int _nextClaim;
    private readonly DenialIndex _denials;
    // Sketches of the most recent claims, one slot each, reused: a claim's sketch is read only while
    // it is among the last DenialScan claims created (a denial scans them; a new claim is checked
    // against the denials), so only denials keep an array of their own. Most claims are one chatter
    // post: an array per claim lived as long as the claim and cost the GC two promotions.
    private readonly ulong[] _sketchPool;
    private readonly int _sketchSlots;
    private long _claimsCreated;

    public ClaimTracker(ClaimStatusBoard board, ClaimTrackerOptions? options = null)
    {
        _board = board;
        _options = options ?? new ClaimTrackerOptions();
        _posts = new(_options.PostMemory);
        _claims = new Claim?[_options.ClaimCapacity];
        _denials = new DenialIndex(_options.RecentDenials);
        _sketchSlots = Math.Max(1, Math.Min(_options.DenialScan, _options.ClaimCapacity));
        _sketchPool = new ulong[(long)_sketchSlots * _options.SketchSize];
    }

    public int OpenTopics => _openByTopic.Count;

    public ClaimOutcome Observe(Post post, NormalisedText text, IReadOnlyList<string> categories, PostLocation? location,
        ReliabilityGrade grade, DenialSignal denial, CopyVerdict copy)
    {
        var at = post.CreatedAt;
        var author = AuthorOf(post);
        bool independent = !IsNewAccount(post);
        string? duplicateOf = null;
        Claim? claim = null;
        ReliabilityGrade? inherited = null;

        if (post.IsRepost && post.RepostOfId is { Length: > 0 } originalId)
        {
            // Reposts inherit the original's claim and grade and only add to its spread.
            var originalKey = new PostKey(post.Source, originalId);
            duplicateOf = originalId;
            independent = false;
            if (_posts.TryGet(originalKey, out var memo))
            {
                claim = memo.Claim;
                if (memo.Grade is { } g)
                    inherited = g with { Reasons = [$"repost_inherits:{originalId}", .. g.Reasons.Where(r => !r.StartsWith("repost_inherits:", StringComparison.Ordinal))] };
            }
            else
            {
                // The original has not arrived (yet): its text in the repost may still be a copy
                // of a post seen on any network; otherwise the repost opens the original's claim.
                claim = copy.DuplicateOf is { } seen && _posts.TryGet(seen, out var seenMemo) && !seenMemo.Claim.IsDenial
                    ? seenMemo.Claim
                    : NewClaim(null, originalKey, at, post, text, location, categories, isDenial: false);
                _posts.Set(originalKey, new PostMemo(claim, null));
            }
        }
        else if (copy.DuplicateOf is { } dup && _posts.TryGet(dup, out var copied) && !PlacesDiffer(copied.Claim, location))
        {
            claim = copied.Claim;
            duplicateOf = dup.SourcePostId;
            independent = false;
            grade = WithReason(grade, $"copy_not_independent:{dup.SourcePostId}", capAt: 4);
        }
        else if (!denial.ContradictsSomething && copy.NearCopyOf is { } near && _posts.TryGet(near, out var nearMemo)
                 && !nearMemo.Claim.IsDenial && !PlacesDiffer(nearMemo.Claim, location)
                 && nearMemo.Claim.Canonical is { } earlier && CopyDetector.IsEditedCopy(CopyDetector.Canonical(text.Value), earlier))
        {
            // An edited copy (words added or dropped around the copied sentence): the same claim,
            // and no more independent than a verbatim copy.
            claim = nearMemo.Claim;
            duplicateOf = near.SourcePostId;
            independent = false;
            grade = WithReason(grade, $"copy_not_independent:{near.SourcePostId}", capAt: 4);
        }
        else if (_posts.TryGet(post.Key, out var reserved) && reserved.Grade is null)
        {
            // Its reposts came first and opened its claim.
            claim = reserved.Claim;
        }
        else if (!denial.ContradictsSomething && post.Kind == PostKinds.Quote && post.QuoteOfId is { } quoted
                 && _posts.TryGet(new PostKey(post.Source, quoted), out var quotedMemo))
        {
            claim = quotedMemo.Claim;
            independent = false;
            grade = WithReason(grade, "quote_not_independent", capAt: null);
        }

        List<Claim>? contradicted = null;
        if (claim is null)
        {
            if (denial.ContradictsSomething)
            {
                claim = NewClaim(null, post.Key, at, post, text, location, categories, isDenial: true);
                contradicted = FindContradicted(post, claim, denial, at);
                _denials.Add(claim, at, grade.Source == "A", author);
            }
            else
            {
                var topic = TopicKey(location, categories);
                if (topic is not null && _openByTopic.TryGetValue(topic, out var open) && !open.Evicted && at - open.LastAt <= _options.Window)
                    claim = open;
                else
                {
                    claim = NewClaim(topic, post.Key, at, post, text, location, categories, isDenial: false);
                    if (topic is not null) _openByTopic[topic] = claim;
                    // A rumour posted after its denial is still contradicted by it.
                    foreach (var d in _denials.Matching(claim, at, _options.DenialReach)) Contradict(claim, d.Official, d.Author, at);
                }
            }
        }

        // ---- Update the claim ----
        claim.Posts++;
        if (duplicateOf is not null) claim.Copies++;
        if (claim.LastAt < at) claim.LastAt = at;
        if (independent && !claim.IsDenial) claim.AddAuthor(author);
        if (!claim.IsDenial && !post.IsRepost && grade.Source == "A" && !denial.ContradictsSomething) claim.OfficialConfirmed = true;
        if (denial.HoaxPattern is { } hoax) claim.HoaxPattern ??= hoax;
        if (contradicted is not null)
            foreach (var target in contradicted) Contradict(target, grade.Source == "A", author, at);

        var (status, reason) = Refresh(claim, at);
        int others = Math.Max(0, claim.IndependentAuthors - (claim.HasAuthor(author) ? 1 : 0));
        var final = ClaimGrading.Adjust(inherited ?? grade, status, reason, claim.IsDenial ? 0 : others, claim.Facts);
        if (contradicted is { Count: > 0 })
            final = final with { Reasons = [.. final.Reasons, .. contradicted.Take(3).Select(c => "contradicts_claim:" + c.Id)] };
        if (!post.IsRepost) _posts.Set(post.Key, new PostMemo(claim, final));
        else if (!_posts.TryGet(post.Key, out _)) _posts.Set(post.Key, new PostMemo(claim, final));
        return new ClaimOutcome(claim.Id, status, duplicateOf, final);
    }

    /// <summary>Templated reports ("〇〇で住宅が倒壊しています") share most of their bigrams; two
    /// texts that name different places are different reports, never copies.</summary>
    private static bool PlacesDiffer(Claim claim, PostLocation? location) =>
        PlaceKey(location) is { } place && claim.Place is { } other && place != other;

    private static bool IsNewAccount(Post post) =>
        post.Author.AccountCreatedAt is { } created && post.CreatedAt - created < TimeSpan.FromDays(7);

    /// <summary>Adds a reason; with <paramref name="capAt"/> the credibility is no better than it
    /// (a copied "first-hand" text is somebody else's claim: §A.4 caps it at 4).</summary>
    private static ReliabilityGrade WithReason(ReliabilityGrade g, string reason, int? capAt)
    {
        int c = capAt is { } cap ? Math.Max(g.Credibility, cap) : g.Credibility;
        return g with { Credibility = c, Score = ReliabilityGrader.Score(g.Source[0], c), Reasons = [.. g.Reasons, reason] };
    }

    private void Contradict(Claim target, bool official, AuthorKey author, DateTimeOffset at)
    {
        if (official) target.OfficialDenied = true;
        else target.AddContradiction(author);
        Refresh(target, at);
    }

    /// <summary>Recomputes the claim's status, publishes the view, and queues a change.</summary>
    private (string Status, string? Reason) Refresh(Claim claim, DateTimeOffset at)
    {
        var (status, reason) = claim.IsDenial ? (ClaimStatuses.Unverified, null) : ClaimGrading.Status(claim.Facts, _board.DecisionFor(claim.Id));
        ClaimStatusChange? change = null;
        if (status != claim.Status)
        {
            change = new ClaimStatusChange(claim.Id, claim.Status, status, reason, at, Pipeline);
            claim.Status = status;
            claim.StatusReason = reason;
        }
        _board.Put(claim.View(), change);
        return (status, reason);
    }

    private List<Claim> FindContradicted(Post post, Claim denialClaim, DenialSignal denial, DateTimeOffset at)
    {
        var found = new List<Claim>();
        // 1. The post it replies to or quotes.
        foreach (var id in new[] { post.ReplyToId, post.QuoteOfId })
            if (id is not null && _posts.TryGet(new PostKey(post.Source, id), out var m) && !m.Claim.IsDenial && !found.Contains(m.Claim))
                found.Add(m.Claim);
        // 2. Recent claims sharing content (denials only) or place and category.
        int scanned = 0;
        for (int i = 1; i <= _claims.Length && scanned < _options.DenialScan; i++)
        {
            var c = _claims[(_nextClaim - i + _claims.Length) % _claims.Length];
            if (c is null) break;
            scanned++;
            if (c.IsDenial || c.Evicted || found.Contains(c) || at - c.LastAt > _options.DenialReach) continue;
            // Same place key (town, ~1 km cell or municipality) and category: a municipality-wide
            // denial of a fire must not dispute a different fire in one of its towns.
            bool samePlace = denialClaim.Place is not null && c.Place == denialClaim.Place
                             && denialClaim.Category is not null && c.Category == denialClaim.Category;
            bool sameContent = denial.IsDenial && InPlaceScope(denialClaim, c) && Sketch.Overlaps(c.Sketch, denialClaim.Sketch);
            if (samePlace || sameContent || DeniesStatementOf(denialClaim, c)) found.Add(c);
        }
        return found;
    }

    /// <summary>The denial's denied statement (「本震が来る」という…) is all in the claim.</summary>
    private static bool DeniesStatementOf(Claim denial, Claim claim) =>
        denial.Statement is { } statement && InPlaceScope(denial, claim) && Sketch.Covers(statement, claim.Sketch);

    /// <summary>Whether a denial linked by content may reach the claim: a denial naming a
    /// municipality reaches claims there or naming none; a denial the gazetteer could not place
    /// reaches reports placed at a town only when it names that town, and never reports placed at
    /// a bare point, so 「火災が発生したという情報はデマです」 never disputes
    /// 「健軍本町で火災が発生しています」.</summary>
    private static bool InPlaceScope(Claim denial, Claim claim) =>
        denial.Municipality is { } m ? claim.Municipality is null || claim.Municipality == m
        : claim.Place is null || claim.Place.StartsWith("m:", StringComparison.Ordinal)
          || (claim.Place.StartsWith("t:", StringComparison.Ordinal) && denial.Canonical is { } said
              && said.Contains(claim.Place[(claim.Place.LastIndexOf('/') + 1)..], StringComparison.Ordinal));

    /// <summary>A new claim; its id hashes the topic and the first post ("topic|post:source/id").</summary>
    private Claim NewClaim(string? topic, PostKey anchor, DateTimeOffset at, Post post, NormalisedText text, PostLocation? location,
        IReadOnlyList<string> categories, bool isDenial)
    {
        var h = Fnv(FnvOffset, topic ?? "");
        h = Fnv(h, "|post:");
        h = Fnv(h, anchor.Source);
        h = Fnv(h, "/");
        h = Fnv(h, anchor.SourcePostId);
        string id = "c-" + h.ToString("x16", CultureInfo.InvariantCulture);
        int size = _options.SketchSize;
        var slot = _sketchPool.AsMemory((int)(_claimsCreated++ % _sketchSlots) * size, size);
        var sketch = slot[..Sketch.Into(text.Value, slot.Span, PlaceNames(location))];
        var claim = new Claim(id, topic, MainCategory(categories), PlaceKey(location), Label(post), at, isDenial,
            isDenial ? sketch.ToArray() : sketch)
        {
            Municipality = MunicipalityKey(location),
            Canonical = CopyDetector.Canonical(text.Value),
            Statement = isDenial && Sketch.DeniedStatement(text.Value) is { } denied ? Sketch.Of(denied, _options.SketchSize, PlaceNames(location)) : null,
        };
        var old = _claims[_nextClaim];
        if (old is not null)
        {
            old.Evicted = true;
            if (old.Topic is not null && _openByTopic.TryGetValue(old.Topic, out var o) && ReferenceEquals(o, old)) _openByTopic.Remove(old.Topic);
        }
        _claims[_nextClaim] = claim;
        _nextClaim = (_nextClaim + 1) % _claims.Length;
        return claim;
    }

    private static IEnumerable<string?> PlaceNames(PostLocation? l) =>
        l is null ? [] : [l.Pref, l.City, l.Town, .. l.Evidence.Select(e => e.Text)];

    private static readonly System.Buffers.SearchValues<char> LineEndings = System.Buffers.SearchValues.Create("\r\n\f\u0085\u2028\u2029");

    /// <summary>The first 80 characters of the text on one line (line endings as spaces).</summary>
    private static string Label(Post post)
    {
        var text = post.Text;
        if (text.AsSpan().IndexOfAny(LineEndings) >= 0) text = text.ReplaceLineEndings(" ");
        return text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "…");
    }

    /// <summary>Who counts as one author (a value, not a concatenated string per post).</summary>
    private static AuthorKey AuthorOf(Post post) => (post.Source, post.Author.Id ?? "");

    internal static string? MainCategory(IReadOnlyList<string> categories)
    {
        foreach (var c in categories) if (!NonTopicCategories.Contains(c)) return c;
        return null;
    }

    internal static string? MunicipalityKey(PostLocation? l) =>
        l is null || l.Level == LocationLevels.Prefecture ? null
        : l.LgCode is { Length: >= 5 } code ? code[..5] : l.City is not null ? (l.Pref + l.City) : null;

    /// <summary>Place key + category, or null when the post cannot be placed below prefecture
    /// level or has no topical category (then it is a claim of its own).</summary>
    internal static string? TopicKey(PostLocation? l, IReadOnlyList<string> categories)
    {
        var category = MainCategory(categories);
        return category is not null && PlaceKey(l) is { } place ? place + "|" + category : null;
    }

    /// <summary>Town, ~1 km cell for points without a town, or municipality; null when coarser.</summary>
    internal static string? PlaceKey(PostLocation? l)
    {
        if (l is null) return null;
        return l.Level switch
        {
            LocationLevels.Town or LocationLevels.Landmark when l.Town is not null => "t:" + (l.LgCode ?? l.Pref + l.City) + "/" + l.Town,
            LocationLevels.Exact or LocationLevels.Landmark or LocationLevels.Town =>
                FormattableString.Invariant($"g:{Math.Round(l.Lat * 100)},{Math.Round(l.Lon * 100)}"),
            LocationLevels.Municipality => MunicipalityKey(l) is { } m ? "m:" + m : null,
            _ => null,
        };
    }

    private const ulong FnvOffset = 14695981039346656037UL;

    /// <summary>FNV-1a over the UTF-16 bytes of <paramref name="s"/>, continuing from <paramref name="h"/>
    /// (hashing the parts one after the other equals hashing their concatenation).</summary>
    private static ulong Fnv(ulong h, string s)
    {
        foreach (char c in s)
        {
            h ^= (byte)c; h *= 1099511628211UL;
            h ^= (byte)(c >> 8); h *= 1099511628211UL;
        }
        return h;
    }

    // A value in the memo's table, not an object per post.
    private readonly record struct PostMemo(Claim Claim, ReliabilityGrade? Grade);

    /// <summary>Mutable state of one claim (owned by the tracker's thread).</summary>
    private sealed class Claim(string id, string? topic, string? category, string? place, string label, DateTimeOffset firstAt,
        bool isDenial, ReadOnlyMemory<ulong> sketch)
    {
        private const int MaxAuthors = 64;
        // Created on first use: almost no claim is ever contradicted, denials and claims opened by a
        // repost or a new account have no independent author, and a claim lives long enough to cost the GC.
        // Most claims (one chatter post) have one author: kept inline, a set only from the second.
        private AuthorKey? _firstAuthor;
        private HashSet<AuthorKey>? _authors;
        private HashSet<AuthorKey>? _contradictors;

        public string Id { get; } = id;
        public string? Topic { get; } = topic;
        public string? Category { get; } = category;
        public string? Place { get; } = place;
        public string Label { get; } = label;
        public bool IsDenial { get; } = isDenial;
        /// <summary>Valid while the claim is among the last <see cref="ClaimTrackerOptions.DenialScan"/>
        /// created (a slot of the tracker's pool), for denials as long as they live.</summary>
        public ReadOnlySpan<ulong> Sketch => sketch.Span;
        /// <summary>Municipality key of the first post (null: none named).</summary>
        public string? Municipality { get; init; }
        /// <summary>The first post's canonical text: confirms edited copies; a denial's names places.</summary>
        public string? Canonical { get; init; }
        /// <summary>For denials: the sketch of the statement denied, when the text names one.</summary>
        public ulong[]? Statement { get; init; }
        public DateTimeOffset FirstAt { get; } = firstAt;
        public DateTimeOffset LastAt { get; set; } = firstAt;
        public int Posts { get; set; }
        public int Copies { get; set; }
        public bool OfficialConfirmed { get; set; }
        public bool OfficialDenied { get; set; }
        public string? HoaxPattern { get; set; }
        public string Status { get; set; } = ClaimStatuses.Unverified;
        public string? StatusReason { get; set; }
        public bool Evicted { get; set; }
        public int IndependentAuthors => _authors?.Count ?? (_firstAuthor is null ? 0 : 1);
        private int Contradictions => _contradictors?.Count ?? 0;

        public ClaimFacts Facts => new(IndependentAuthors, Contradictions, OfficialConfirmed, OfficialDenied, HoaxPattern);

        // Counts saturate: beyond a few dozen authors more do not change any decision.
        public void AddAuthor(AuthorKey author)
        {
            if (_authors is not null) { if (_authors.Count < MaxAuthors) _authors.Add(author); }
            else if (_firstAuthor is not { } first) _firstAuthor = author;
            else if (!first.Equals(author)) _authors = [first, author];
        }

        public bool HasAuthor(AuthorKey author) => _authors?.Contains(author) ?? _firstAuthor?.Equals(author) == true;
        public void AddContradiction(AuthorKey author) { if (Contradictions < MaxAuthors) (_contradictors ??= []).Add(author); }

        public ClaimView View() => new(Id, Status, StatusReason, Category, Place, Label, Posts, Copies,
            IndependentAuthors, Contradictions, FirstAt, LastAt);
    }

    /// <summary>The recent denials, indexed by their content bigrams, so that each new claim is
    /// checked against them in time proportional to its own length.</summary>
    private sealed class DenialIndex(int capacity)
    {
        private readonly (Claim Claim, bool Official, AuthorKey Author, DateTimeOffset At)?[] _ring = new (Claim, bool, AuthorKey, DateTimeOffset)?[capacity];
        private readonly Dictionary<ulong, List<int>> _byBigram = new();
        private int _next;

        public void Add(Claim denial, DateTimeOffset at, bool official, AuthorKey author)
        {
            if (_ring[_next] is { } old)
                foreach (var b in old.Claim.Sketch)
                    if (_byBigram.TryGetValue(b, out var list)) { list.Remove(_next); if (list.Count == 0) _byBigram.Remove(b); }
            _ring[_next] = (denial, official, author, at);
            foreach (var b in denial.Sketch)
            {
                if (!_byBigram.TryGetValue(b, out var list)) _byBigram[b] = list = new List<int>(2);
                list.Add(_next);
            }
            _next = (_next + 1) % _ring.Length;
        }

        public IEnumerable<(bool Official, AuthorKey Author)> Matching(Claim claim, DateTimeOffset at, TimeSpan reach)
        {
            if (_byBigram.Count == 0) return [];
            var hits = new Dictionary<int, int>();
            foreach (var b in claim.Sketch)
                if (_byBigram.TryGetValue(b, out var list))
                    foreach (var slot in list) hits[slot] = hits.GetValueOrDefault(slot) + 1;
            var result = new List<(bool, AuthorKey)>();
            foreach (var (slot, shared) in hits)
                if (_ring[slot] is { } d && at - d.At <= reach
                    && ((InPlaceScope(d.Claim, claim) && Claims.Sketch.Enough(shared, claim.Sketch.Length, d.Claim.Sketch.Length))
                        || DeniesStatementOf(d.Claim, claim)))
                    result.Add((d.Official, d.Author));
            return result;
        }
    }

    /// <summary>A dictionary that forgets its oldest key once it holds <c>capacity</c> keys.</summary>
    private sealed class RingMap<TKey, TValue>(int capacity) where TKey : notnull
    {
        private readonly Dictionary<TKey, TValue> _map = new(Math.Min(capacity, 1 << 16));
        private readonly TKey[] _ring = new TKey[capacity];
        private int _next;
        private bool _full;

        public bool TryGet(TKey key, out TValue value) => _map.TryGetValue(key, out value!);

        public void Set(TKey key, TValue value)
        {
            // One look-up for the common case (a key not seen yet): hashing the two strings of a
            // post key per probe showed in the profile.
            ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_map, key, out bool exists);
            slot = value;
            if (exists) return;
            if (_full) _map.Remove(_ring[_next]);
            _ring[_next] = key;
            if (++_next == _ring.Length) { _next = 0; _full = true; }
        }
    }
}

/// <summary>The post's claim, the claim's status after this post, the earlier post it copies or
/// reposts (source_post_id), and the post's grade adjusted for its claim.</summary>
public sealed record ClaimOutcome(string ClaimId, string Status, string? DuplicateOf, ReliabilityGrade Grade);

public sealed class ClaimTrackerOptions
{
    /// <summary>Claims remembered (the oldest created are forgotten first).</summary>
    public int ClaimCapacity { get; init; } = 100_000;
    /// <summary>Posts remembered for reposts, replies and quotes to find their claim.</summary>
    public int PostMemory { get; init; } = 500_000;
    /// <summary>A claim stays open for new posts this long after its last post (§A.4: ±60 min).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(60);
    /// <summary>How far back a denial reaches (rumours outlive their first hour).</summary>
    public TimeSpan DenialReach { get; init; } = TimeSpan.FromHours(24);
    /// <summary>Most recent claims a new denial is compared with.</summary>
    public int DenialScan { get; init; } = 4_096;
    /// <summary>Recent denials a new claim is compared with.</summary>
    public int RecentDenials { get; init; } = 512;
    public int SketchSize { get; init; } = 48;
}
