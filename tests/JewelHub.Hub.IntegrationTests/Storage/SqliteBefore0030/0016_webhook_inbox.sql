-- Webhook deliveries as they arrived, after their signature verified and before anything reads them. The vendor's own
-- delivery id is unique per connector, so a repeat (a retry, or the same delivery sent many times at once) meets the
-- constraint and is stored once. status: pending (to map), processed, ignored (a topic the connector does not handle),
-- dead (failed every attempt; replayable). Rows are kept: they are the record of what each vendor sent.
CREATE TABLE hub.webhook_inbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    connector TEXT NOT NULL,
    delivery_id TEXT NOT NULL,
    topic TEXT NULL,
    headers TEXT NOT NULL,
    body BLOB NOT NULL,
    received_at TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT NULL,
    processed_at TEXT NULL,
    UNIQUE (connector, delivery_id)
);
CREATE INDEX ix_webhook_inbox_pending ON hub.webhook_inbox (connector, seq) WHERE status = 'pending';
CREATE INDEX ix_webhook_inbox_dead ON hub.webhook_inbox (received_at) WHERE status = 'dead';
