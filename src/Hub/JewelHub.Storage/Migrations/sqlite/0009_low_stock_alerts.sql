-- previous checksum: C7FCF64E29C03CC2B41E729124FC003B3DE3CAC9D2EE6230EC5B5A2D7932A773
-- The categories of a branch that are below their low-stock threshold, one row per crossing: the check that inserts the
-- row raises stock.low (two checks at once meet on the primary key, so only one does), and a check that finds the
-- category at or above its threshold again deletes it, so the next drop raises a new alert.
CREATE TABLE inventory_low_stock_alerts (
    branch TEXT NOT NULL,
    category TEXT NOT NULL,
    alert_id TEXT NOT NULL,
    available INTEGER NOT NULL,
    min_quantity INTEGER NOT NULL,
    raised_at TEXT NOT NULL,
    PRIMARY KEY (branch, category)
);
