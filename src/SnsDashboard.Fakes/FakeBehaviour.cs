namespace SnsDashboard.Fakes;

/// <summary>How a fake misbehaves, switchable while it runs (tests flip these between steps).</summary>
public sealed class FakeBehaviour
{
    private int _refuse;

    /// <summary>Send every message in tiny pieces (WebSocket frames / HTTP chunks of a few bytes).</summary>
    public volatile bool SplitMessages;
    /// <summary>Send each message twice.</summary>
    public volatile bool DuplicateMessages;
    /// <summary>Send nothing at all (no messages, no keep-alives) while true; the connection stays open.</summary>
    public volatile bool Silent;
    /// <summary>Status used to refuse connections (429, 401, 503…), with an optional Retry-After.</summary>
    public volatile int RefuseStatus = 429;
    public volatile int RetryAfterSeconds;
    /// <summary>Send half of the next message, then abort the connection.</summary>
    public volatile bool DisconnectMidNextMessage;

    /// <summary>Refuse the next <paramref name="count"/> connection attempts with <see cref="RefuseStatus"/>.</summary>
    public void RefuseNext(int count, int status = 429, int retryAfterSeconds = 0)
    {
        RefuseStatus = status;
        RetryAfterSeconds = retryAfterSeconds;
        Volatile.Write(ref _refuse, count);
    }

    internal bool TakeRefusal()
    {
        while (true)
        {
            var n = Volatile.Read(ref _refuse);
            if (n <= 0) return false;
            if (Interlocked.CompareExchange(ref _refuse, n - 1, n) == n) return true;
        }
    }

    internal bool TakeMidMessageDisconnect()
    {
        if (!DisconnectMidNextMessage) return false;
        DisconnectMidNextMessage = false;
        return true;
    }
}
