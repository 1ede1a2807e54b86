using Conflux.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Conflux.Core.Engine;

internal sealed partial class QueueRuntime
{
    /// <summary>
    /// Start-up: loads leased (or re-timed) messages so their leases keep working, the dedup window,
    /// and the first page of the backlog. Everything else stays on disk until paged in.
    /// </summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = _engine.NowMs();
        var invisible = await _engine.Store.ReadInvisibleAsync(EntityId, now, cancellationToken).ConfigureAwait(false);
        var dedup = await _engine.Store.ReadDedupAsync(EntityId, now, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var stored in invisible)
            {
                if (stored.Message.SequenceNumber <= _purgedThrough || _entries.ContainsKey(stored.Message.SequenceNumber)) continue;
                AddLoaded(stored, now);
                _diskOnly--;
            }
            foreach (var record in dedup) _dedup.Add(record);
            if (_diskOnly < 0) _diskOnly = 0;
            _nextExpiryCheckMs = now;
        }
        while (true)
        {
            long from, to;
            lock (_gate)
            {
                if (_diskOnly == 0 || WindowFull) break;
                from = _loadedThrough;
                to = _lastSeq;
            }
            var rows = await _engine.Store.ReadRangeAsync(EntityId, from, to, _engine.Options.PageSize, cancellationToken).ConfigureAwait(false);
            lock (_gate) ApplyPage(rows, to, _engine.NowMs());
            if (rows.Count < _engine.Options.PageSize) break;
        }
    }

    /// <summary>Adds a message read from storage in the state its delivery record implies.</summary>
    private void AddLoaded(StoredMessage stored, long now)
    {
        var entry = new MessageEntry(stored.Message);
        if (stored.Delivery is { } delivery)
        {
            entry.DeliveryCount = delivery.DeliveryCount;
            entry.LeaseToken = delivery.LeaseToken;
            entry.FirstDeliveredAtMs = delivery.FirstDeliveredAtMs;
            entry.VisibleAtMs = delivery.VisibleAtMs;
            entry.LeasedAtMs = now;
        }
        else
        {
            entry.VisibleAtMs = stored.Message.ScheduledAtMs;
        }
        _entries.Add(entry.Seq, entry);
        _memoryBytes += entry.Size;
        if (entry.VisibleAtMs > now && entry.DeliveryCount > 0 && stored.Delivery is not null)
        {
            entry.State = EntryState.InFlight;
            _inFlight++;
            _ready.OnLeased(entry);
            Schedule(entry);
        }
        else
        {
            MakeReadyOrDelayed(entry, now);
        }
    }

    /// <summary>Starts a background page-in when the window has drained to half and a backlog waits on disk.</summary>
    private void MaybeStartPageIn()
    {
        if (_pageInRunning || _diskOnly == 0 || _deleted) return;
        var options = _engine.Options;
        if (_readyCount + _delayed >= options.MemoryWindowMessages / 2 || _memoryBytes >= options.MemoryWindowBytes / 2) return;
        _pageInRunning = true;
        var from = _loadedThrough;
        var to = _lastSeq;
        var generation = _generation;
        _ = Task.Run(() => PageInAsync(from, to, generation));
    }

    private async Task PageInAsync(long from, long to, int generation)
    {
        try
        {
            // Every disk-only insert up to 'to' was submitted before this flush; wait until they are readable.
            await _engine.Committer.FlushAsync().ConfigureAwait(false);
            var rows = await _engine.Store.ReadRangeAsync(EntityId, from, to, _engine.Options.PageSize).ConfigureAwait(false);
            lock (_gate)
            {
                _pageInRunning = false;
                if (generation == _generation && !_deleted)
                {
                    var before = _readyCount;
                    ApplyPage(rows, to, _engine.NowMs());
                    if (_readyCount > before) Signal(_readyCount - before);
                }
                MaybeStartPageIn();
            }
        }
        catch (Exception ex)
        {
            _engine.Logger.LogError(ex, "Page-in of queue {Queue} failed", Name);
            lock (_gate) _pageInRunning = false;
        }
    }

    /// <summary>Merges rows (from, to] read from disk; rows already in memory or removed since are skipped.</summary>
    private void ApplyPage(IReadOnlyList<StoredMessage> rows, long to, long now)
    {
        foreach (var row in rows)
        {
            var seq = row.Message.SequenceNumber;
            if (seq <= _loadedThrough || _entries.ContainsKey(seq) || (_aheadRemoved?.Contains(seq) ?? false)) continue;
            AddLoaded(row, now);
            _diskOnly--;
        }
        _loadedThrough = Math.Max(_loadedThrough, rows.Count < _engine.Options.PageSize ? to : rows[^1].Message.SequenceNumber);
        if (_aheadRemoved is not null)
        {
            _aheadRemoved.RemoveWhere(s => s <= _loadedThrough);
            if (_aheadRemoved.Count == 0) _aheadRemoved = null;
        }
        if (_loadedThrough >= _lastSeq || _diskOnly < 0) _diskOnly = 0;
        _nextExpiryCheckMs = now;
    }
}
