-- CRM: one canonical customer per person, whatever systems know them and under whatever ids.
CREATE SCHEMA IF NOT EXISTS crm;

-- phone_e164 and email are the matching keys: unique so that two concurrent upserts of the same new person
-- cannot both create a customer (the loser hits the constraint and retries as a match). NULLs do not collide.
-- birthday_md / anniversary_md (month * 100 + day) let upcoming special dates be found by an index range,
-- whatever the year of birth.
CREATE TABLE crm.customers (
    id text PRIMARY KEY,
    name text NOT NULL,
    phone_e164 text NULL UNIQUE,
    email text NULL UNIQUE,
    birthday date NULL,
    anniversary date NULL,
    birthday_md integer GENERATED ALWAYS AS (EXTRACT(MONTH FROM birthday)::integer * 100 + EXTRACT(DAY FROM birthday)::integer) STORED,
    anniversary_md integer GENERATED ALWAYS AS (EXTRACT(MONTH FROM anniversary)::integer * 100 + EXTRACT(DAY FROM anniversary)::integer) STORED,
    sms_opt_in boolean NOT NULL,
    email_opt_in boolean NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX ix_crm_customers_birthday_md ON crm.customers (birthday_md) WHERE birthday_md IS NOT NULL;
CREATE INDEX ix_crm_customers_anniversary_md ON crm.customers (anniversary_md) WHERE anniversary_md IS NOT NULL;

-- The id each system uses for a customer: (pos, C-00042), (shopify, 820982911946154508). One system id names
-- one customer.
CREATE TABLE crm.customer_refs (
    system text NOT NULL,
    external_id text NOT NULL,
    customer_id text NOT NULL REFERENCES crm.customers (id),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (system, external_id)
);
CREATE INDEX ix_crm_customer_refs_customer ON crm.customer_refs (customer_id);

CREATE TABLE crm.preferences (
    customer_id text NOT NULL REFERENCES crm.customers (id),
    key text NOT NULL,
    value text NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (customer_id, key)
);

-- A bill is recorded once per customer, so replaying bill.issued does not double the history.
CREATE TABLE crm.purchases (
    customer_id text NOT NULL REFERENCES crm.customers (id),
    bill_number text NOT NULL,
    order_id text NULL,
    amount_minor bigint NOT NULL,
    currency text NOT NULL,
    purchased_at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL,
    UNIQUE (customer_id, bill_number)
);
CREATE INDEX ix_crm_purchases_customer ON crm.purchases (customer_id, purchased_at);

-- Audit trail of consent: every change of an opt-in, where it came from and when.
CREATE TABLE crm.consent_changes (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id text NOT NULL REFERENCES crm.customers (id),
    channel text NOT NULL,
    opted_in boolean NOT NULL,
    source text NOT NULL,
    at timestamptz NOT NULL
);
CREATE INDEX ix_crm_consent_changes_customer ON crm.consent_changes (customer_id, seq);
