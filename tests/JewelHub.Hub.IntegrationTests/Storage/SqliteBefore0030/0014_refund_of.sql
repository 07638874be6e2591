-- A refund names the payment it gives money back against, so that a payment is never refunded beyond its amount and
-- an accounting system can link the two. Payments, and refunds recorded before, have none.
ALTER TABLE finance.payments ADD COLUMN refund_of TEXT NULL REFERENCES finance.payments (id);
CREATE INDEX ix_finance_payments_refund_of ON finance.payments (refund_of) WHERE refund_of IS NOT NULL;
