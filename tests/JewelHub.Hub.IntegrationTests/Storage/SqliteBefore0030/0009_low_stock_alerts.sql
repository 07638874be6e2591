-- The categories of a branch that are below their low-stock threshold, one row per crossing: the check that inserts the
-- row raises stock.low (two checks at once meet on the primary key, so only one does), and a check that finds the
-- category at or above its threshold again deletes it, so the next drop raises a new alert.
CREATE TABLE inventory.low_stock_alerts (
    branch TEXT NOT NULL,
    category TEXT NOT NULL,
    alert_id TEXT NOT NULL,
    available INTEGER NOT NULL,
    min_quantity INTEGER NOT NULL,
    raised_at TEXT NOT NULL,
    PRIMARY KEY (branch, category)
);
