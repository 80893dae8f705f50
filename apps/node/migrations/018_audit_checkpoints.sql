-- The audit chain heads this node sent to the hub, its outside witness (audit.checkpoint):
-- the hub's receipt (deliveries) says it took one, a rejection (rejections_received) that it
-- refused it. Positions and hashes only.
CREATE TABLE audit_checkpoints (
  message_id uuid PRIMARY KEY,
  sequence   bigint NOT NULL,
  head_hash  text NOT NULL,
  sent_at    timestamptz NOT NULL
);
CREATE INDEX audit_checkpoints_sent ON audit_checkpoints (sent_at);
