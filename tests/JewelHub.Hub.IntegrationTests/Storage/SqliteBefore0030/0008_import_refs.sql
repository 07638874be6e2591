-- Legacy tag numbers of imported pieces: (pos, RG-1001) -> the piece's SKU. One system tag names one piece, so a
-- re-run of the same pieces file finds every tag here and writes nothing.

CREATE TABLE inventory.piece_refs (
    system TEXT NOT NULL,
    external_id TEXT NOT NULL,
    sku TEXT NOT NULL REFERENCES inventory.pieces (sku),
    created_at TEXT NOT NULL,
    PRIMARY KEY (system, external_id)
);
CREATE INDEX ix_inventory_piece_refs_sku ON inventory.piece_refs (sku);
