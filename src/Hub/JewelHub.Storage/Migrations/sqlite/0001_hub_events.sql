-- previous checksum: B9B4A8DA26552B84270522D1F3AC67B3260ED908BD11CF5DA1B1FB9173ECF4E3
-- The hub's own tables. Canonical events accepted by POST /api/events: (source, id) is the CloudEvents identity,
-- so a redelivered event hits the primary key and is stored once.
CREATE TABLE hub_events (
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
CREATE INDEX ix_events_type ON hub_events (type, seq);
