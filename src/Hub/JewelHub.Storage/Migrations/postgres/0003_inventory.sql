-- Inventory: one-of-a-kind pieces (quantity 1) and fungible stock items counted per branch. Weights are bigint
-- milligrams, money bigint minor units, percentages and making values bigint hundredths.
CREATE SCHEMA IF NOT EXISTS inventory;

CREATE TABLE inventory.pieces (
    sku text PRIMARY KEY,
    category text NOT NULL,
    metal text NOT NULL,
    fineness integer NOT NULL,
    gross_mg bigint NOT NULL CHECK (gross_mg >= 0),
    -- Net is the metal alone (gross minus stones, beads, lac), so it can never exceed gross.
    net_mg bigint NOT NULL CHECK (net_mg >= 0 AND net_mg <= gross_mg),
    making_mode text NOT NULL CHECK (making_mode IN ('PerGram', 'Percent', 'Flat')),
    making_value_hundredths bigint NOT NULL CHECK (making_value_hundredths >= 0),
    wastage_hundredths bigint NOT NULL DEFAULT 0 CHECK (wastage_hundredths >= 0),
    other_charges_minor bigint NOT NULL DEFAULT 0 CHECK (other_charges_minor >= 0),
    -- A HUID identifies one hallmarked piece for ever: unique across all stock, sold pieces included.
    huid text NULL UNIQUE,
    hsn text NOT NULL,
    branch text NOT NULL,
    status text NOT NULL CHECK (status IN ('Available', 'Reserved', 'Sold', 'InRepair', 'Returned')),
    order_id text NULL,
    reserved_until timestamptz NULL,
    created_at timestamptz NOT NULL,
    -- A reserved piece always says for which order and until when, so expiry can release it.
    CHECK (status <> 'Reserved' OR (order_id IS NOT NULL AND reserved_until IS NOT NULL))
);
CREATE INDEX ix_inventory_pieces_branch ON inventory.pieces (branch, status, category);

CREATE TABLE inventory.stones (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku text NOT NULL REFERENCES inventory.pieces (sku) ON DELETE CASCADE,
    type text NOT NULL,
    shape text NULL,
    count integer NOT NULL CHECK (count > 0),
    carats_thousandths bigint NOT NULL CHECK (carats_thousandths >= 0),
    colour text NULL,
    clarity text NULL,
    lab text NULL,
    report_number text NULL,
    lab_grown boolean NOT NULL,
    value_minor bigint NOT NULL CHECK (value_minor >= 0)
);
CREATE INDEX ix_inventory_stones_sku ON inventory.stones (sku);

CREATE TABLE inventory.stock_items (
    sku text PRIMARY KEY,
    category text NOT NULL,
    metal text NOT NULL,
    fineness integer NOT NULL,
    unit_mg bigint NOT NULL CHECK (unit_mg >= 0),
    making_mode text NOT NULL CHECK (making_mode IN ('PerGram', 'Percent', 'Flat')),
    making_value_hundredths bigint NOT NULL CHECK (making_value_hundredths >= 0),
    hsn text NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE inventory.stock_levels (
    sku text NOT NULL REFERENCES inventory.stock_items (sku),
    branch text NOT NULL,
    on_hand integer NOT NULL,
    reserved integer NOT NULL,
    PRIMARY KEY (sku, branch),
    -- The database refuses an oversell even if a store method were wrong.
    CHECK (reserved >= 0 AND reserved <= on_hand)
);

-- Receipt, Sale and Adjustment rows change stock on hand; Reservation and Release rows change what is available.
-- The idempotency key makes every effect happen once however often a caller retries.
CREATE TABLE inventory.movements (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku text NOT NULL,
    branch text NOT NULL,
    reason text NOT NULL,
    quantity_delta integer NOT NULL,
    weight_delta_mg bigint NOT NULL,
    reference text NOT NULL,
    idempotency_key text NOT NULL UNIQUE,
    at timestamptz NOT NULL
);
CREATE INDEX ix_inventory_movements_sku ON inventory.movements (sku, branch, id);
CREATE INDEX ix_inventory_movements_reference ON inventory.movements (reference);

CREATE TABLE inventory.reservations (
    id text PRIMARY KEY,
    order_id text NOT NULL,
    sku text NOT NULL,
    branch text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('Piece', 'Item')),
    quantity integer NOT NULL CHECK (quantity > 0),
    expires_at timestamptz NOT NULL,
    status text NOT NULL CHECK (status IN ('Reserved', 'Released', 'Committed')),
    created_at timestamptz NOT NULL,
    closed_at timestamptz NULL,
    close_reason text NULL
);
-- One live (reserved or sold) line per order and SKU; released lines stay as history.
CREATE UNIQUE INDEX ux_inventory_reservations_live ON inventory.reservations (order_id, sku) WHERE status <> 'Released';
CREATE INDEX ix_inventory_reservations_expiry ON inventory.reservations (status, expires_at);

CREATE TABLE inventory.low_stock_thresholds (
    category text NOT NULL,
    branch text NOT NULL,
    min_quantity integer NOT NULL CHECK (min_quantity >= 0),
    PRIMARY KEY (category, branch)
);
