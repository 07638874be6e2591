-- The hub's own tables. Canonical events accepted by POST /api/events: (source, id) is the CloudEvents identity,
-- so a redelivered event hits the primary key and is stored once.
CREATE TABLE hub.events (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source text NOT NULL,
    id text NOT NULL,
    type text NOT NULL,
    subject text NULL,
    time timestamptz NULL,
    received_at timestamptz NOT NULL,
    body text NOT NULL,
    UNIQUE (source, id)
);
CREATE INDEX ix_events_type ON hub.events (type, seq);
