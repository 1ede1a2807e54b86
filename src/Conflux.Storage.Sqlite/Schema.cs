namespace Conflux.Storage.Sqlite;

internal static class Schema
{
    public const int Version = 1;

    /// <summary>
    /// messages/deliveries are keyed by <see cref="RowKey"/>. Delivery state lives in its own narrow
    /// table so leasing a message rewrites 40 bytes, not the body, and start-up can find every live
    /// lease without scanning the backlog. Entity rows carry the counters the store maintains.
    /// </summary>
    public const string Create = """
        CREATE TABLE IF NOT EXISTS meta(
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS entities(
            id INTEGER PRIMARY KEY,
            kind INTEGER NOT NULL,
            name TEXT NOT NULL,
            definition BLOB NOT NULL,
            last_seq INTEGER NOT NULL DEFAULT 0,
            purged_through INTEGER NOT NULL DEFAULT 0,
            message_count INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS messages(
            id INTEGER PRIMARY KEY,
            meta BLOB NOT NULL,
            body BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS deliveries(
            id INTEGER PRIMARY KEY,
            visible_at INTEGER NOT NULL,
            count INTEGER NOT NULL,
            token INTEGER NOT NULL,
            first_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS dedup(
            entity INTEGER NOT NULL,
            key TEXT NOT NULL,
            message_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY(entity, key)) WITHOUT ROWID;
        """;
}
