-- Information requests. Both participating nodes hold a row with the same id; `role` says
-- which side this node is on. No personal data in this table.
CREATE TABLE requests (
  id                     uuid PRIMARY KEY,
  role                   text NOT NULL CHECK (role IN ('requester', 'addressee')),
  requester_authority_id text NOT NULL,
  requester_node         text NOT NULL,
  addressee_authority_id text NOT NULL,
  addressee_node         text NOT NULL,
  legislative_area       text NOT NULL,
  questions              jsonb NOT NULL,
  state                  text NOT NULL,
  reply_by               timestamptz NOT NULL,
  proposed_reply_by      timestamptz,
  sent_at                timestamptz NOT NULL,
  accepted_at            timestamptz,
  answered_at            timestamptz,
  closed_at              timestamptz,
  last_activity_at       timestamptz NOT NULL,
  rejection_reason       text,
  version                integer NOT NULL DEFAULT 1
);
CREATE INDEX requests_requester ON requests (requester_authority_id);
CREATE INDEX requests_addressee ON requests (addressee_authority_id);

-- Personal data: the person concerned. On the addressee's node a row exists only once the
-- addressee has accepted (the acceptance gate), so blocking and deletion can be exact.
CREATE TABLE request_subjects (
  request_id      uuid PRIMARY KEY REFERENCES requests (id),
  family_name     text NOT NULL,
  given_names     text NOT NULL,
  date_of_birth   date,
  register_number text,
  recorded_at     timestamptz NOT NULL DEFAULT now()
);

-- Answers may concern the person: personal data too.
CREATE TABLE request_answers (
  request_id  uuid NOT NULL REFERENCES requests (id),
  seq         integer NOT NULL,
  question_id text NOT NULL,
  answer      text NOT NULL,
  final       boolean NOT NULL,
  answered_at timestamptz NOT NULL,
  PRIMARY KEY (request_id, seq)
);
