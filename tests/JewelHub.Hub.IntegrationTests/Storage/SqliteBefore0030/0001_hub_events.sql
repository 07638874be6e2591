-- The hub's own tables. Canonical events accepted by POST /api/events: (source, id) is the CloudEvents identity,
-- so a redelivered event hits the primary key and is stored once.
CREATE TABLE hub.events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    subject TEXT NULL,
    time TEXT NULL,
    received_at TEXT NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (source, id)
);
CREATE INDEX ix_events_type ON hub.events (type, seq);
