-- previous checksum: 38F2AC67EDA885C7D5464D99BB26EF6DAC01254DEE5BE58C5EC32243751817D7
-- Notifications that workflows ask for (bill issued, payment received, stock low). One row per activity execution:
-- the idempotency key is unique, so a replayed step records nothing new. Without consent the row is Suppressed.
CREATE TABLE hub_notifications (
    id TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    template TEXT NOT NULL,
    recipient TEXT NOT NULL,
    channel TEXT NOT NULL,
    consent_ok INTEGER NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_notifications_recipient ON hub_notifications (recipient, created_at);
