-- The facts a notification's template is filled with (a JSON object, e.g. the bill number and the payment), so that
-- a message to staff says which bill and which money it is about. Rows written before have none.
ALTER TABLE hub.notifications ADD COLUMN data TEXT NULL;
