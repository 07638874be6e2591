-- Notifications that workflows ask for (bill issued, payment received, stock low). One row per activity execution:
-- the idempotency key is unique, so a replayed step records nothing new. Without consent the row is Suppressed.
CREATE SCHEMA IF NOT EXISTS hub;

CREATE TABLE hub.notifications (
    id text PRIMARY KEY,
    idempotency_key text NOT NULL UNIQUE,
    template text NOT NULL,
    recipient text NOT NULL,
    channel text NOT NULL,
    consent_ok boolean NOT NULL,
    status text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX ix_notifications_recipient ON hub.notifications (recipient, created_at);
