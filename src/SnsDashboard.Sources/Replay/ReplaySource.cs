using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Sources.Replay;

/// <summary>
/// Plays scenario files (schema "1" JSON lines) as if they were a live stream: merged in
/// <c>created_at</c> order, paced by <see cref="ReplayOptions.Speed"/> on an injectable clock,
/// offered with <see cref="OfferMode.Wait"/> (a file can wait; nothing is shed). Bad lines are
/// counted with file and line number, logged and skipped; a missing file puts the source in the
/// <c>failed</c> state. The source never throws out of <see cref="RunAsync"/> except for bugs.
/// </summary>
public sealed class ReplaySource : IPostSource
{
    public const string SourceName = "replay";
    private const int MaxLoggedRejectsPerFile = 20;

    private readonly ReplayOptions _options;
    private readonly ILogger<ReplaySource> _logger;
    private readonly TimeProvider _time;

    public ReplaySource(ReplayOptions options, ILogger<ReplaySource>? logger = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? NullLogger<ReplaySource>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        Health = new SourceHealth(SourceName);
    }

    public ReplaySource(IOptions<ReplayOptions> options, ILogger<ReplaySource> logger, TimeProvider? timeProvider = null)
        : this(options.Value, logger, timeProvider) { }

    public string Name => SourceName;
    public SourceHealth Health { get; }

    /// <summary>Number of completed passes over the scenario files.</summary>
    public int CompletedPasses { get; private set; }

    public async Task RunAsync(IIngestSink sink, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sink);
        Health.SetState(SourceStates.Starting);

        var errors = _options.Validate();
        if (errors.Count > 0)
        {
            Fail(string.Join("; ", errors));
            return;
        }
        var missing = _options.Scenarios.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            Fail($"scenario file not found: {string.Join(", ", missing)}");
            return;
        }

        Health.SetState(SourceStates.Running);
        _logger.LogInformation("Replay started: {Files} at speed {Speed}, loop {Loop}, shift-to-now {ShiftToNow}",
            string.Join(", ", _options.Scenarios.Select(Path.GetFileName)), _options.Speed, _options.Loop, _options.ShiftToNow);
        try
        {
            for (var pass = 1; !ct.IsCancellationRequested; pass++)
            {
                var played = await PlayPassAsync(sink, pass, ct).ConfigureAwait(false);
                CompletedPasses = pass;
                _logger.LogInformation("Replay pass {Pass} finished: {Played} posts", pass, played);
                if (!_options.Loop) break;
                if (played == 0)
                {
                    _logger.LogWarning("Replay stops looping: pass {Pass} had no playable posts", pass);
                    break;
                }
            }
            ct.ThrowIfCancellationRequested();
            Health.SetState(SourceStates.Idle);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Health.SetState(SourceStates.Stopped);
            _logger.LogInformation("Replay stopped");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail($"scenario file unreadable: {e.Message}");
        }
    }

    private async Task<int> PlayPassAsync(IIngestSink sink, int pass, CancellationToken ct)
    {
        var speed = _options.Speed;
        var skipUntil = pass == 1 ? _options.StartOffset : TimeSpan.Zero;
        var rejectsLogged = new Dictionary<string, int>(StringComparer.Ordinal);
        DateTimeOffset? origin = null;   // scenario time that corresponds to wallStart
        var wallStart = default(DateTimeOffset);
        var played = 0;

        foreach (var item in ScenarioMerge.Merge(_options.Scenarios, (file, line) => { if (pass == 1) Reject(sink, file, line, rejectsLogged); }))
        {
            ct.ThrowIfCancellationRequested();
            var post = item.Post;
            if (origin is null)
            {
                origin = post.CreatedAt + skipUntil;
                wallStart = _time.GetUtcNow();
            }
            if (post.CreatedAt < origin.Value && skipUntil > TimeSpan.Zero) continue;

            var offset = post.CreatedAt - origin.Value;
            if (offset < TimeSpan.Zero) offset = TimeSpan.Zero;  // out-of-order line: play now
            var due = wallStart + TimeSpan.FromTicks((long)(offset.Ticks / speed));
            var wait = due - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, _time, ct).ConfigureAwait(false);

            var outgoing = Rewrite(post, pass, due);
            await sink.OfferAsync(outgoing, OfferMode.Wait, ct).ConfigureAwait(false);
            Health.MessageReceived(_time.GetUtcNow());
            played++;
        }
        return played;
    }

    /// <summary>Applies the loop suffix (passes after the first) and the shift to "now".</summary>
    private Post Rewrite(Post post, int pass, DateTimeOffset playedAt)
    {
        if (pass == 1 && !_options.ShiftToNow) return post;
        var result = post;
        if (pass > 1)
        {
            result = result with
            {
                SourcePostId = LoopId(post.SourcePostId, pass)!,
                RepostOfId = LoopId(post.RepostOfId, pass),
                ReplyToId = LoopId(post.ReplyToId, pass),
                QuoteOfId = LoopId(post.QuoteOfId, pass),
            };
        }
        if (_options.ShiftToNow)
        {
            var createdAt = playedAt.ToOffset(post.CreatedAt.Offset);
            var delta = createdAt - post.CreatedAt;
            result = result with
            {
                CreatedAt = createdAt,
                EditedAt = post.EditedAt + delta,
                Author = post.Author.AccountCreatedAt is { } created
                    ? post.Author with { AccountCreatedAt = created + delta }
                    : post.Author,
            };
        }
        return result;
    }

    /// <summary>The id a post gets on a later pass: <c>id~loop2</c>, <c>id~loop3</c>, …</summary>
    public static string? LoopId(string? id, int pass) => id is null || pass <= 1 ? id : $"{id}~loop{pass}";

    private void Reject(IIngestSink sink, string file, ScenarioLine line, Dictionary<string, int> logged)
    {
        var fileName = Path.GetFileName(file);
        var reason = $"{fileName}:{line.LineNumber}: {line.Result.Error}";
        sink.ReportRejected(SourceName, reason);
        Health.MessageRejected(reason);

        logged.TryGetValue(fileName, out var count);
        logged[fileName] = count + 1;
        if (count < MaxLoggedRejectsPerFile)
            _logger.LogWarning("Replay line rejected: {File}:{Line}: {Reason}", fileName, line.LineNumber, line.Result.Error);
        else if (count == MaxLoggedRejectsPerFile)
            _logger.LogWarning("Replay: further rejected lines of {File} are counted but not logged", fileName);
    }

    private void Fail(string error)
    {
        Health.SetState(SourceStates.Failed, error);
        _logger.LogError("Replay failed: {Error}", error);
    }
}
