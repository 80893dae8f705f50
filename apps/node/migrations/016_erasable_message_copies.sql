-- Signature protocol 2 (libs/envelope/src/signature.ts): signatures cover a message's manifest
-- (the envelope with the body's SHA-256 in place of the body), so the stored copy of a message
-- can lose its sealed body while every signature over it still checks. A copy's body is erased
-- once the exchange's personal data is blocked, erased or deleted here (privacy/message-copies.ts).

-- Received messages: `manifest` is what protocol-2 signatures cover; `signature_protocol` what
-- the sender's signature covers (1: the whole value, for messages signed before protocol 2).
ALTER TABLE inbox_messages ADD COLUMN manifest bytea;
ALTER TABLE inbox_messages ADD COLUMN signature_protocol smallint NOT NULL DEFAULT 1 CHECK (signature_protocol IN (1, 2));
-- When the body went, and under which decision ({reason, decision, decidedBy}).
ALTER TABLE inbox_messages ADD COLUMN body_erased_at timestamptz;
ALTER TABLE inbox_messages ADD COLUMN body_erasure jsonb;
-- A protocol-1 copy loses what its signature covers with its body: its SHA-256 is kept instead.
ALTER TABLE inbox_messages ADD COLUMN signed_value_sha256 bytea;
CREATE INDEX inbox_messages_bodies_held ON inbox_messages (case_id) WHERE value IS NOT NULL;

-- Sent messages: the same. A row erased before the relay sent it keeps its body until it has
-- left (`body_erasure` set, `body_erased_at` null); the relay drops it in the statement that
-- marks it sent.
ALTER TABLE outbox_messages ALTER COLUMN value DROP NOT NULL;
ALTER TABLE outbox_messages ADD CONSTRAINT outbox_value_until_sent CHECK (value IS NOT NULL OR sent_at IS NOT NULL);
ALTER TABLE outbox_messages ADD COLUMN manifest bytea;
ALTER TABLE outbox_messages ADD COLUMN body_erased_at timestamptz;
ALTER TABLE outbox_messages ADD COLUMN body_erasure jsonb;
ALTER TABLE outbox_messages ADD COLUMN signed_value_sha256 bytea;
CREATE INDEX outbox_messages_bodies_held ON outbox_messages (message_key) WHERE value IS NOT NULL;

-- The decision that deleted an exchange's personal data here ({reason, decision, decidedBy}):
-- a data subject's erasure, an early deletion, or the retention period.
ALTER TABLE requests ADD COLUMN personal_data_erasure jsonb;
ALTER TABLE alerts ADD COLUMN personal_data_erasure jsonb;
