-- previous checksum: 5874DE20F3E50AFD40D99C0314E5BB66D107E7750915831D99A0616577B1D5FB
-- The facts a notification's template is filled with (a JSON object, e.g. the bill number and the payment), so that
-- a message to staff says which bill and which money it is about. Rows written before have none.
ALTER TABLE hub_notifications ADD COLUMN data TEXT NULL;
