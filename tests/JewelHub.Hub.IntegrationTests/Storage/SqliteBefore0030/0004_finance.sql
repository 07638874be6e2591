-- Finance: sales orders, metal rates, bills with gap-free numbers, payments and a double-entry ledger.
-- Money is integer minor units (paise), weights integer milligrams, so sums are exact on every database.
CREATE TABLE finance.sales_orders (
    id TEXT PRIMARY KEY,
    customer_id TEXT NULL,
    branch TEXT NOT NULL,
    place_of_supply TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE finance.sales_order_lines (
    order_id TEXT NOT NULL REFERENCES finance.sales_orders (id),
    line_no INTEGER NOT NULL,
    sku TEXT NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, line_no)
);

-- Rates are never updated: the history is kept so a bill line can always name the rate it used.
-- The current rate of a metal and fineness is the one with the latest as_of.
CREATE TABLE finance.metal_rates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    metal TEXT NOT NULL,
    fineness INTEGER NOT NULL,
    price_per_gram_minor INTEGER NOT NULL CHECK (price_per_gram_minor > 0),
    currency TEXT NOT NULL,
    source TEXT NOT NULL,
    as_of TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (metal, fineness, source, as_of)
);
CREATE INDEX ix_finance_metal_rates_current ON finance.metal_rates (metal, fineness, as_of DESC, id DESC);

-- One counter row per series and financial year; the row lock taken by the increment keeps numbers gap-free.
CREATE TABLE finance.bill_series (
    series TEXT NOT NULL,
    financial_year TEXT NOT NULL,
    next_number INTEGER NOT NULL,
    PRIMARY KEY (series, financial_year)
);

CREATE TABLE finance.bills (
    number TEXT PRIMARY KEY,
    series TEXT NOT NULL,
    financial_year TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    order_id TEXT NOT NULL UNIQUE REFERENCES finance.sales_orders (id),
    customer_id TEXT NULL,
    currency TEXT NOT NULL,
    taxable_minor INTEGER NOT NULL,
    cgst_minor INTEGER NOT NULL,
    sgst_minor INTEGER NOT NULL,
    igst_minor INTEGER NOT NULL,
    total_minor INTEGER NOT NULL,
    paid_minor INTEGER NOT NULL CHECK (paid_minor >= 0),
    status TEXT NOT NULL,
    place_of_supply TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    voided_at TEXT NULL,
    void_reason TEXT NULL,
    UNIQUE (series, financial_year, sequence)
);

CREATE TABLE finance.bill_lines (
    bill_number TEXT NOT NULL REFERENCES finance.bills (number),
    line_no INTEGER NOT NULL,
    sku TEXT NOT NULL,
    description TEXT NOT NULL,
    metal TEXT NOT NULL,
    fineness INTEGER NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    net_mg INTEGER NOT NULL CHECK (net_mg >= 0),
    rate_per_gram_minor INTEGER NOT NULL,
    rate_source TEXT NOT NULL,
    rate_as_of TEXT NOT NULL,
    metal_minor INTEGER NOT NULL,
    wastage_minor INTEGER NOT NULL,
    making_minor INTEGER NOT NULL,
    stone_minor INTEGER NOT NULL,
    other_minor INTEGER NOT NULL,
    taxable_minor INTEGER NOT NULL,
    hsn TEXT NOT NULL,
    cgst_minor INTEGER NOT NULL,
    sgst_minor INTEGER NOT NULL,
    igst_minor INTEGER NOT NULL,
    total_minor INTEGER NOT NULL,
    PRIMARY KEY (bill_number, line_no)
);

-- A provider's payment id is unique per method, so a gateway retry under a new payment id is caught too.
CREATE TABLE finance.payments (
    id TEXT PRIMARY KEY,
    bill_number TEXT NOT NULL REFERENCES finance.bills (number),
    kind TEXT NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL,
    method TEXT NOT NULL,
    provider_reference TEXT NULL,
    at TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (method, provider_reference)
);
CREATE INDEX ix_finance_payments_bill ON finance.payments (bill_number);

-- A posting is written once per reference; its entries must balance (checked by the store before insert).
CREATE TABLE finance.ledger_postings (
    reference TEXT PRIMARY KEY,
    description TEXT NOT NULL,
    posted_at TEXT NOT NULL
);

CREATE TABLE finance.ledger_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    posting_reference TEXT NOT NULL REFERENCES finance.ledger_postings (reference),
    account TEXT NOT NULL,
    currency TEXT NOT NULL,
    debit_minor INTEGER NOT NULL CHECK (debit_minor >= 0),
    credit_minor INTEGER NOT NULL CHECK (credit_minor >= 0),
    posted_at TEXT NOT NULL,
    CHECK (debit_minor = 0 OR credit_minor = 0)
);
CREATE INDEX ix_finance_ledger_entries_posting ON finance.ledger_entries (posting_reference);
