-- The categories of a branch that are below their low-stock threshold, one row per crossing: the check that inserts the
-- row raises stock.low (two checks at once meet on the primary key, so only one does), and a check that finds the
-- category at or above its threshold again deletes it, so the next drop raises a new alert.
CREATE SCHEMA IF NOT EXISTS inventory;

CREATE TABLE inventory.low_stock_alerts (
    branch text NOT NULL,
    category text NOT NULL,
    alert_id text NOT NULL,
    available bigint NOT NULL,
    min_quantity integer NOT NULL,
    raised_at timestamptz NOT NULL,
    PRIMARY KEY (branch, category)
);
