-- Data subjects' requests received by this node's authorities: rectification, erasure,
-- objection. `corrections` is personal data (the corrected values) and is deleted with the
-- exchanges' data; the rest is metadata.
CREATE TABLE subject_requests (
  id              uuid PRIMARY KEY,
  authority_id    text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('rectification', 'erasure', 'objection')),
  exchange_ids    uuid[] NOT NULL,
  corrections     jsonb,
  received_at     timestamptz NOT NULL,
  due_by          timestamptz NOT NULL,
  state           text NOT NULL CHECK (state IN ('open', 'granted', 'refused', 'routed')),
  -- Objections go to the authority's data protection contact.
  routed_to       text,
  decided_at      timestamptz,
  decision_reason text
);
CREATE INDEX subject_requests_authority ON subject_requests (authority_id);
-- Deleting an exchange's personal data clears the corrections that name it.
CREATE INDEX subject_requests_exchanges ON subject_requests USING gin (exchange_ids);

-- What a granted request did to each exchange on this node and which message carried it to
-- each other participant (its receipt, in `deliveries`, is the participant's confirmation).
CREATE TABLE subject_request_effects (
  subject_request_id uuid NOT NULL REFERENCES subject_requests (id),
  exchange_id        uuid NOT NULL,
  outcome            text NOT NULL CHECK (outcome IN ('applied', 'contested', 'nothing-held')),
  message_id         uuid,
  PRIMARY KEY (subject_request_id, exchange_id)
);

-- Rectifications and erasures that reached blocked data: recorded beside it, nothing changed.
-- Requests and alerts alike. `corrections` is personal data, deleted with the exchange's other
-- personal data.
CREATE TABLE exchange_contests (
  exchange_id        uuid NOT NULL,
  subject_request_id uuid NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('rectification', 'erasure')),
  corrections        jsonb,
  recorded_at        timestamptz NOT NULL,
  PRIMARY KEY (exchange_id, subject_request_id)
);

-- Early deletion of a closed exchange's (request's or alert's) personal data, agreed by every participant.
CREATE TABLE early_deletions (
  id              uuid PRIMARY KEY,
  exchange_id     uuid NOT NULL,
  role            text NOT NULL CHECK (role IN ('proposer', 'participant')),
  proposer_node   text NOT NULL,
  authority_id    text NOT NULL,
  reason          text NOT NULL,
  state           text NOT NULL CHECK (state IN ('proposed', 'agreed', 'refused', 'executed')),
  proposed_at     timestamptz NOT NULL,
  ended_at        timestamptz,
  order_message_id uuid
);
CREATE UNIQUE INDEX early_deletions_one_pending ON early_deletions (exchange_id) WHERE state IN ('proposed', 'agreed');

-- Each participant's answer, on the proposer's node (and the participant's own, on its node).
CREATE TABLE early_deletion_answers (
  deletion_id uuid NOT NULL REFERENCES early_deletions (id),
  node        text NOT NULL,
  agree       boolean NOT NULL,
  reason      text,
  answered_at timestamptz NOT NULL,
  PRIMARY KEY (deletion_id, node)
);
