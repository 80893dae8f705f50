-- Transactional outbox: the exact signed bytes to publish, written with the state change.
CREATE TABLE outbox_messages (
  id          bigserial PRIMARY KEY,
  message_id  uuid NOT NULL UNIQUE,
  topic       text NOT NULL,
  message_key text NOT NULL,
  value       bytea NOT NULL,
  headers     jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  sent_at     timestamptz
);
CREATE INDEX outbox_unsent ON outbox_messages (id) WHERE sent_at IS NULL;

-- Idempotent inbox: a message id is recorded in the transaction that applies it.
CREATE TABLE inbox_messages (
  message_id     uuid PRIMARY KEY,
  type           text NOT NULL,
  sender_node    text NOT NULL,
  outcome        text NOT NULL CHECK (outcome IN ('applied', 'rejected')),
  rejection_code text,
  received_at    timestamptz NOT NULL DEFAULT now()
);

-- Rejections of this node's own messages, reported back by the hub or the recipient.
CREATE TABLE rejections_received (
  message_id          uuid PRIMARY KEY,
  rejected_message_id uuid,
  rejected_by         text NOT NULL,
  code                text NOT NULL,
  reason              text NOT NULL,
  received_at         timestamptz NOT NULL DEFAULT now()
);
