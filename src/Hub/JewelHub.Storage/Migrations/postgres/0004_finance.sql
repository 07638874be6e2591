-- Finance: sales orders, metal rates, bills with gap-free numbers, payments and a double-entry ledger.
-- Money is bigint minor units (paise), weights bigint milligrams, so sums are exact on every database.
CREATE SCHEMA IF NOT EXISTS finance;

CREATE TABLE finance.sales_orders (
    id text PRIMARY KEY,
    customer_id text NULL,
    branch text NOT NULL,
    place_of_supply text NOT NULL,
    status text NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE finance.sales_order_lines (
    order_id text NOT NULL REFERENCES finance.sales_orders (id),
    line_no integer NOT NULL,
    sku text NOT NULL,
    quantity integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, line_no)
);

-- Rates are never updated: the history is kept so a bill line can always name the rate it used.
-- The current rate of a metal and fineness is the one with the latest as_of.
CREATE TABLE finance.metal_rates (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    metal text NOT NULL,
    fineness integer NOT NULL,
    price_per_gram_minor bigint NOT NULL CHECK (price_per_gram_minor > 0),
    currency text NOT NULL,
    source text NOT NULL,
    as_of timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL,
    UNIQUE (metal, fineness, source, as_of)
);
CREATE INDEX ix_finance_metal_rates_current ON finance.metal_rates (metal, fineness, as_of DESC, id DESC);

-- One counter row per series and financial year; the row lock taken by the increment keeps numbers gap-free.
CREATE TABLE finance.bill_series (
    series text NOT NULL,
    financial_year text NOT NULL,
    next_number bigint NOT NULL,
    PRIMARY KEY (series, financial_year)
);

CREATE TABLE finance.bills (
    number text PRIMARY KEY,
    series text NOT NULL,
    financial_year text NOT NULL,
    sequence bigint NOT NULL,
    order_id text NOT NULL UNIQUE REFERENCES finance.sales_orders (id),
    customer_id text NULL,
    currency text NOT NULL,
    taxable_minor bigint NOT NULL,
    cgst_minor bigint NOT NULL,
    sgst_minor bigint NOT NULL,
    igst_minor bigint NOT NULL,
    total_minor bigint NOT NULL,
    paid_minor bigint NOT NULL CHECK (paid_minor >= 0),
    status text NOT NULL,
    place_of_supply text NOT NULL,
    issued_at timestamptz NOT NULL,
    voided_at timestamptz NULL,
    void_reason text NULL,
    UNIQUE (series, financial_year, sequence)
);

CREATE TABLE finance.bill_lines (
    bill_number text NOT NULL REFERENCES finance.bills (number),
    line_no integer NOT NULL,
    sku text NOT NULL,
    description text NOT NULL,
    metal text NOT NULL,
    fineness integer NOT NULL,
    quantity integer NOT NULL CHECK (quantity > 0),
    net_mg bigint NOT NULL CHECK (net_mg >= 0),
    rate_per_gram_minor bigint NOT NULL,
    rate_source text NOT NULL,
    rate_as_of timestamptz NOT NULL,
    metal_minor bigint NOT NULL,
    wastage_minor bigint NOT NULL,
    making_minor bigint NOT NULL,
    stone_minor bigint NOT NULL,
    other_minor bigint NOT NULL,
    taxable_minor bigint NOT NULL,
    hsn text NOT NULL,
    cgst_minor bigint NOT NULL,
    sgst_minor bigint NOT NULL,
    igst_minor bigint NOT NULL,
    total_minor bigint NOT NULL,
    PRIMARY KEY (bill_number, line_no)
);

-- A provider's payment id is unique per method, so a gateway retry under a new payment id is caught too.
CREATE TABLE finance.payments (
    id text PRIMARY KEY,
    bill_number text NOT NULL REFERENCES finance.bills (number),
    kind text NOT NULL,
    amount_minor bigint NOT NULL CHECK (amount_minor > 0),
    currency text NOT NULL,
    method text NOT NULL,
    provider_reference text NULL,
    at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL,
    UNIQUE (method, provider_reference)
);
CREATE INDEX ix_finance_payments_bill ON finance.payments (bill_number);

-- A posting is written once per reference; its entries must balance (checked by the store before insert).
CREATE TABLE finance.ledger_postings (
    reference text PRIMARY KEY,
    description text NOT NULL,
    posted_at timestamptz NOT NULL
);

CREATE TABLE finance.ledger_entries (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    posting_reference text NOT NULL REFERENCES finance.ledger_postings (reference),
    account text NOT NULL,
    currency text NOT NULL,
    debit_minor bigint NOT NULL CHECK (debit_minor >= 0),
    credit_minor bigint NOT NULL CHECK (credit_minor >= 0),
    posted_at timestamptz NOT NULL,
    CHECK (debit_minor = 0 OR credit_minor = 0)
);
CREATE INDEX ix_finance_ledger_entries_posting ON finance.ledger_entries (posting_reference);
