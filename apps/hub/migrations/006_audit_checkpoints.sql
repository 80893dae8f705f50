-- The hub as outside witness of every node's audit log: the latest head (last sealed seq and
-- its hash) each node checkpointed. A chain cannot see its own end cut off; this row can.
CREATE TABLE audit_checkpoints (
  node            text PRIMARY KEY,
  sequence        bigint NOT NULL CHECK (sequence > 0),
  head_hash       text NOT NULL CHECK (head_hash ~ '^[0-9a-f]{64}$'),
  checkpointed_at timestamptz NOT NULL,
  witnessed_at    timestamptz NOT NULL,
  message_id      uuid NOT NULL,
  -- The node's own JWS over the message that carried it: the node said so, not only the hub.
  node_signature  text NOT NULL
);

-- Checkpoint messages applied lately, so that a batch consumed again is a no-op rather than a
-- refusal (its older checkpoints sit below the latest). Pruned after a week.
CREATE TABLE audit_checkpoint_messages (
  message_id   uuid PRIMARY KEY,
  node         text NOT NULL,
  witnessed_at timestamptz NOT NULL
);
CREATE INDEX audit_checkpoint_messages_age ON audit_checkpoint_messages (node, witnessed_at);
