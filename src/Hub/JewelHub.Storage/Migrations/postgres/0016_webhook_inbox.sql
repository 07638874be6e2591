-- Webhook deliveries as they arrived, after their signature verified and before anything reads them. The vendor's own
-- delivery id is unique per connector, so a repeat (a retry, or the same delivery sent many times at once) meets the
-- constraint and is stored once. status: pending (to map), processed, ignored (a topic the connector does not handle),
-- dead (failed every attempt; replayable). Rows are kept: they are the record of what each vendor sent.
CREATE TABLE hub.webhook_inbox (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    connector text NOT NULL,
    delivery_id text NOT NULL,
    topic text NULL,
    headers text NOT NULL,
    body bytea NOT NULL,
    received_at timestamptz NOT NULL,
    status text NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    last_error text NULL,
    processed_at timestamptz NULL,
    UNIQUE (connector, delivery_id)
);
CREATE INDEX ix_webhook_inbox_pending ON hub.webhook_inbox (connector, seq) WHERE status = 'pending';
CREATE INDEX ix_webhook_inbox_dead ON hub.webhook_inbox (received_at) WHERE status = 'dead';
