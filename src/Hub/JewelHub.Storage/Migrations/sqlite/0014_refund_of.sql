-- previous checksum: B391E43640BB7509B69F5748FC2D5B698CEFC300785D6698C2267F1335CB0543
-- A refund names the payment it gives money back against, so that a payment is never refunded beyond its amount and
-- an accounting system can link the two. Payments, and refunds recorded before, have none.
ALTER TABLE finance_payments ADD COLUMN refund_of TEXT NULL REFERENCES finance_payments (id);
CREATE INDEX ix_finance_payments_refund_of ON finance_payments (refund_of) WHERE refund_of IS NOT NULL;
