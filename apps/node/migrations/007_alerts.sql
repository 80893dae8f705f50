-- Alerts and notifications (one-to-many). Both the sender's node and every recipient node
-- hold a row; `role` says which side this node is on. No personal data in this table.
CREATE TABLE alerts (
  id                  uuid PRIMARY KEY,
  role                text NOT NULL CHECK (role IN ('sender', 'recipient')),
  kind                text NOT NULL,
  legislative_area    text NOT NULL,
  sender_authority_id text NOT NULL,
  sender_node         text NOT NULL,
  state               text NOT NULL CHECK (state IN ('open', 'withdrawn', 'closed')),
  version             integer NOT NULL,
  decision_date       date,
  later_decision_date date,
  withdrawn_reason    text,
  sent_at             timestamptz NOT NULL,
  last_changed_at     timestamptz NOT NULL,
  -- Formal closure (closed or withdrawn): retention of the personal data runs from here.
  ended_at            timestamptz,
  -- Sender's side: the alert.sent message, whose receipts say when each recipient node had it.
  sent_message_id     uuid
);

-- Personal data: every version of the content, the earlier ones kept as superseded.
CREATE TABLE alert_versions (
  alert_id      uuid NOT NULL REFERENCES alerts (id),
  version       integer NOT NULL,
  content       jsonb NOT NULL,
  created_at    timestamptz NOT NULL,
  superseded_at timestamptz,
  PRIMARY KEY (alert_id, version)
);

-- The addressees: on the sender's node all of them, on a recipient node those on it, plus the
-- authorities its coordinator distributed the alert to.
CREATE TABLE alert_recipients (
  alert_id        uuid NOT NULL REFERENCES alerts (id),
  authority_id    text NOT NULL,
  node            text NOT NULL,
  distributed_by  text,
  read_at         timestamptz,
  acknowledged_at timestamptz,
  PRIMARY KEY (alert_id, authority_id)
);
CREATE INDEX alert_recipients_authority ON alert_recipients (authority_id);
