-- Proof of exchange: each received message keeps its case, sending time and both signatures
-- (the sender's and the hub's routing countersignature) with the bytes they cover, so a report
-- can show who sent what when, and anyone can check it. Sent messages keep theirs in outbox_messages.
ALTER TABLE inbox_messages ADD COLUMN case_id text;
ALTER TABLE inbox_messages ADD COLUMN sent_at timestamptz;
ALTER TABLE inbox_messages ADD COLUMN sender_signature text;
ALTER TABLE inbox_messages ADD COLUMN hub_signature text;
-- The exact bytes both signatures cover (the body in them is sealed).
ALTER TABLE inbox_messages ADD COLUMN value bytea;
CREATE INDEX inbox_messages_case ON inbox_messages (case_id);
CREATE INDEX outbox_messages_case ON outbox_messages (message_key);

-- Every retrieval of blocked personal data, with its ground. The justification is the
-- authority's own text and stays on this node.
CREATE TABLE proof_retrievals (
  id            uuid PRIMARY KEY,
  exchange_id   uuid NOT NULL,
  authority_id  text NOT NULL,
  ground        text NOT NULL CHECK (ground IN ('data-subject-consent', 'overriding-public-interest')),
  justification text NOT NULL,
  retrieved_at  timestamptz NOT NULL
);
CREATE INDEX proof_retrievals_exchange ON proof_retrievals (exchange_id);
