-- previous checksum: 6C24C8AE9F0C846D24BFCA9F49C690A243038E28CD363B970DCDE86CF0F8E28E
-- Inventory: one-of-a-kind pieces (quantity 1) and fungible stock items counted per branch. Weights are integer
-- milligrams, money integer minor units, percentages and making values integer hundredths; timestamps are UTC text.

CREATE TABLE inventory_pieces (
    sku TEXT PRIMARY KEY,
    category TEXT NOT NULL,
    metal TEXT NOT NULL,
    fineness INTEGER NOT NULL,
    gross_mg INTEGER NOT NULL CHECK (gross_mg >= 0),
    -- Net is the metal alone (gross minus stones, beads, lac), so it can never exceed gross.
    net_mg INTEGER NOT NULL CHECK (net_mg >= 0 AND net_mg <= gross_mg),
    making_mode TEXT NOT NULL CHECK (making_mode IN ('PerGram', 'Percent', 'Flat')),
    making_value_hundredths INTEGER NOT NULL CHECK (making_value_hundredths >= 0),
    wastage_hundredths INTEGER NOT NULL DEFAULT 0 CHECK (wastage_hundredths >= 0),
    other_charges_minor INTEGER NOT NULL DEFAULT 0 CHECK (other_charges_minor >= 0),
    -- A HUID identifies one hallmarked piece for ever: unique across all stock, sold pieces included.
    huid TEXT NULL UNIQUE,
    hsn TEXT NOT NULL,
    branch TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('Available', 'Reserved', 'Sold', 'InRepair', 'Returned')),
    order_id TEXT NULL,
    reserved_until TEXT NULL,
    created_at TEXT NOT NULL,
    -- A reserved piece always says for which order and until when, so expiry can release it.
    CHECK (status <> 'Reserved' OR (order_id IS NOT NULL AND reserved_until IS NOT NULL))
);
CREATE INDEX ix_inventory_pieces_branch ON inventory_pieces (branch, status, category);

CREATE TABLE inventory_stones (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sku TEXT NOT NULL REFERENCES inventory_pieces (sku) ON DELETE CASCADE,
    type TEXT NOT NULL,
    shape TEXT NULL,
    count INTEGER NOT NULL CHECK (count > 0),
    carats_thousandths INTEGER NOT NULL CHECK (carats_thousandths >= 0),
    colour TEXT NULL,
    clarity TEXT NULL,
    lab TEXT NULL,
    report_number TEXT NULL,
    lab_grown INTEGER NOT NULL,
    value_minor INTEGER NOT NULL CHECK (value_minor >= 0)
);
CREATE INDEX ix_inventory_stones_sku ON inventory_stones (sku);

CREATE TABLE inventory_stock_items (
    sku TEXT PRIMARY KEY,
    category TEXT NOT NULL,
    metal TEXT NOT NULL,
    fineness INTEGER NOT NULL,
    unit_mg INTEGER NOT NULL CHECK (unit_mg >= 0),
    making_mode TEXT NOT NULL CHECK (making_mode IN ('PerGram', 'Percent', 'Flat')),
    making_value_hundredths INTEGER NOT NULL CHECK (making_value_hundredths >= 0),
    hsn TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE inventory_stock_levels (
    sku TEXT NOT NULL REFERENCES inventory_stock_items (sku),
    branch TEXT NOT NULL,
    on_hand INTEGER NOT NULL,
    reserved INTEGER NOT NULL,
    PRIMARY KEY (sku, branch),
    -- The database refuses an oversell even if a store method were wrong.
    CHECK (reserved >= 0 AND reserved <= on_hand)
);

-- Receipt, Sale and Adjustment rows change stock on hand; Reservation and Release rows change what is available.
-- The idempotency key makes every effect happen once however often a caller retries.
CREATE TABLE inventory_movements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sku TEXT NOT NULL,
    branch TEXT NOT NULL,
    reason TEXT NOT NULL,
    quantity_delta INTEGER NOT NULL,
    weight_delta_mg INTEGER NOT NULL,
    reference TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL
);
CREATE INDEX ix_inventory_movements_sku ON inventory_movements (sku, branch, id);
CREATE INDEX ix_inventory_movements_reference ON inventory_movements (reference);

CREATE TABLE inventory_reservations (
    id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL,
    sku TEXT NOT NULL,
    branch TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('Piece', 'Item')),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    expires_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('Reserved', 'Released', 'Committed')),
    created_at TEXT NOT NULL,
    closed_at TEXT NULL,
    close_reason TEXT NULL
);
-- One live (reserved or sold) line per order and SKU; released lines stay as history.
CREATE UNIQUE INDEX ux_inventory_reservations_live ON inventory_reservations (order_id, sku) WHERE status <> 'Released';
CREATE INDEX ix_inventory_reservations_expiry ON inventory_reservations (status, expires_at);

CREATE TABLE inventory_low_stock_thresholds (
    category TEXT NOT NULL,
    branch TEXT NOT NULL,
    min_quantity INTEGER NOT NULL CHECK (min_quantity >= 0),
    PRIMARY KEY (category, branch)
);
