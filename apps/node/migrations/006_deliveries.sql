-- Delivery of each message this node sends, per recipient node: set when the recipient's signed
-- receipt arrives (it sends one in the transaction that applied the message). Ids only.
CREATE TABLE deliveries (
  message_id     uuid NOT NULL,
  recipient_node text NOT NULL,
  type           text NOT NULL,
  sent_at        timestamptz NOT NULL,
  -- When the recipient applied it (its clock), and when its receipt was applied here.
  delivered_at   timestamptz,
  acknowledged_at timestamptz,
  PRIMARY KEY (message_id, recipient_node)
);
CREATE INDEX deliveries_pending ON deliveries (sent_at) WHERE delivered_at IS NULL;
