-- Notifications that workflows ask for (bill issued, payment received, stock low). One row per activity execution:
-- the idempotency key is unique, so a replayed step records nothing new. Without consent the row is Suppressed.
CREATE TABLE hub.notifications (
    id TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    template TEXT NOT NULL,
    recipient TEXT NOT NULL,
    channel TEXT NOT NULL,
    consent_ok INTEGER NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_notifications_recipient ON hub.notifications (recipient, created_at);
