-- CRM: one canonical customer per person, whatever systems know them and under whatever ids.

-- phone_e164 and email are the matching keys: unique so that two concurrent upserts of the same new person
-- cannot both create a customer (the loser hits the constraint and retries as a match). NULLs do not collide.
-- Dates are ISO text (yyyy-MM-dd). birthday_md / anniversary_md (month * 100 + day) let upcoming special dates be
-- found by an index range, whatever the year of birth.
CREATE TABLE crm.customers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    phone_e164 TEXT NULL UNIQUE,
    email TEXT NULL UNIQUE,
    birthday TEXT NULL,
    anniversary TEXT NULL,
    birthday_md INTEGER GENERATED ALWAYS AS (CAST(substr(birthday, 6, 2) AS INTEGER) * 100 + CAST(substr(birthday, 9, 2) AS INTEGER)) STORED,
    anniversary_md INTEGER GENERATED ALWAYS AS (CAST(substr(anniversary, 6, 2) AS INTEGER) * 100 + CAST(substr(anniversary, 9, 2) AS INTEGER)) STORED,
    sms_opt_in INTEGER NOT NULL,
    email_opt_in INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX ix_crm_customers_birthday_md ON crm.customers (birthday_md) WHERE birthday_md IS NOT NULL;
CREATE INDEX ix_crm_customers_anniversary_md ON crm.customers (anniversary_md) WHERE anniversary_md IS NOT NULL;

-- The id each system uses for a customer: (pos, C-00042), (shopify, 820982911946154508). One system id names
-- one customer.
CREATE TABLE crm.customer_refs (
    system TEXT NOT NULL,
    external_id TEXT NOT NULL,
    customer_id TEXT NOT NULL REFERENCES crm.customers (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (system, external_id)
);
CREATE INDEX ix_crm_customer_refs_customer ON crm.customer_refs (customer_id);

CREATE TABLE crm.preferences (
    customer_id TEXT NOT NULL REFERENCES crm.customers (id),
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (customer_id, key)
);

-- A bill is recorded once per customer, so replaying bill.issued does not double the history.
CREATE TABLE crm.purchases (
    customer_id TEXT NOT NULL REFERENCES crm.customers (id),
    bill_number TEXT NOT NULL,
    order_id TEXT NULL,
    amount_minor INTEGER NOT NULL,
    currency TEXT NOT NULL,
    purchased_at TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (customer_id, bill_number)
);
CREATE INDEX ix_crm_purchases_customer ON crm.purchases (customer_id, purchased_at);

-- Audit trail of consent: every change of an opt-in, where it came from and when.
CREATE TABLE crm.consent_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id TEXT NOT NULL REFERENCES crm.customers (id),
    channel TEXT NOT NULL,
    opted_in INTEGER NOT NULL,
    source TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX ix_crm_consent_changes_customer ON crm.consent_changes (customer_id, seq);
