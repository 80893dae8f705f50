-- The back-office bridge (AMQP): national systems that act for one authority, like a user.

-- A connected system: the authority it acts for, its roles, its AMQP user (on this node's vhost).
CREATE TABLE back_office_systems (
  id            text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  authority_id  text NOT NULL,
  roles         text[] NOT NULL,
  amqp_username text NOT NULL UNIQUE,
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated')),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX back_office_systems_authority ON back_office_systems (authority_id) WHERE status = 'active';

-- Commands applied, at most once per message id: recorded in the transaction of the change.
-- The result names what the command made (ids and state), never personal data.
CREATE TABLE back_office_commands (
  system_id   text NOT NULL REFERENCES back_office_systems (id),
  message_id  text NOT NULL,
  operation   text NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now(),
  result      jsonb,
  PRIMARY KEY (system_id, message_id)
);

-- Transactional outbox of the events for an authority's systems: written by the triggers below
-- in the transaction of the state change, published with publisher confirms, then deleted.
-- Ids, states and dates only; the publisher reads the content when it publishes.
CREATE TABLE back_office_events (
  id           bigserial PRIMARY KEY,
  authority_id text NOT NULL,
  entity       text NOT NULL,
  event        text NOT NULL,
  subject_id   uuid NOT NULL,
  occurred_at  timestamptz NOT NULL,
  detail       jsonb NOT NULL DEFAULT '{}'::jsonb
);

CREATE FUNCTION back_office_event(authority text, entity text, event text, subject uuid, occurred timestamptz, detail jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  -- Only for authorities with a connected system: nothing piles up where nobody listens.
  IF NOT EXISTS (SELECT 1 FROM back_office_systems s WHERE s.authority_id = authority AND s.status = 'active') THEN
    RETURN;
  END IF;
  INSERT INTO back_office_events (authority_id, entity, event, subject_id, occurred_at, detail)
    VALUES (authority, entity, event, subject, occurred, detail);
  PERFORM pg_notify('back_office_events', '');
END $$;

-- A request's history line is its event for this node's party ('sent' is 'received' for the addressee).
CREATE FUNCTION back_office_request_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r requests%ROWTYPE;
BEGIN
  SELECT * INTO r FROM requests WHERE id = NEW.request_id;
  IF r.id IS NULL THEN RETURN NULL; END IF;
  PERFORM back_office_event(
    CASE r.role WHEN 'requester' THEN r.requester_authority_id ELSE r.addressee_authority_id END,
    'request',
    CASE WHEN NEW.type = 'sent' AND r.role = 'addressee' THEN 'received' ELSE NEW.type END,
    r.id, NEW.at, NEW.detail || jsonb_build_object('state', r.state));
  RETURN NULL;
END $$;
CREATE TRIGGER back_office_request_event AFTER INSERT ON request_events
  FOR EACH ROW EXECUTE FUNCTION back_office_request_event();

-- The person reaches the addressee's node only after acceptance: that arrival is an event of its own.
CREATE FUNCTION back_office_person_disclosed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r requests%ROWTYPE;
BEGIN
  SELECT * INTO r FROM requests WHERE id = NEW.request_id;
  IF r.id IS NULL OR r.role <> 'addressee' THEN RETURN NULL; END IF;
  PERFORM back_office_event(r.addressee_authority_id, 'request', 'person-disclosed', r.id, NEW.recorded_at, jsonb_build_object('state', r.state));
  RETURN NULL;
END $$;
CREATE TRIGGER back_office_person_disclosed AFTER INSERT ON request_subjects
  FOR EACH ROW EXECUTE FUNCTION back_office_person_disclosed();

-- An alert reaching one of this node's authorities (from the sender, or distributed by a coordinator).
CREATE FUNCTION back_office_alert_received() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  a alerts%ROWTYPE;
BEGIN
  SELECT * INTO a FROM alerts WHERE id = NEW.alert_id;
  IF a.id IS NULL OR a.role <> 'recipient' THEN RETURN NULL; END IF;
  PERFORM back_office_event(NEW.authority_id, 'alert', 'received', a.id, a.last_changed_at,
    jsonb_build_object('state', a.state, 'version', a.version, 'distributedBy', NEW.distributed_by));
  RETURN NULL;
END $$;
CREATE TRIGGER back_office_alert_received AFTER INSERT ON alert_recipients
  FOR EACH ROW EXECUTE FUNCTION back_office_alert_received();

-- A received alert rectified or withdrawn by its sender: every local recipient authority hears of it.
CREATE FUNCTION back_office_alert_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  recipient text;
  event text;
BEGIN
  IF NEW.role <> 'recipient' THEN RETURN NULL; END IF;
  IF NEW.state = 'withdrawn' AND OLD.state <> 'withdrawn' THEN event := 'withdrawn';
  ELSIF NEW.version > OLD.version THEN event := 'rectified';
  ELSIF NEW.state = 'closed' AND OLD.state <> 'closed' THEN event := 'closed';
  ELSE RETURN NULL;
  END IF;
  FOR recipient IN SELECT authority_id FROM alert_recipients WHERE alert_id = NEW.id LOOP
    PERFORM back_office_event(recipient, 'alert', event, NEW.id, NEW.last_changed_at, jsonb_build_object('state', NEW.state, 'version', NEW.version));
  END LOOP;
  RETURN NULL;
END $$;
CREATE TRIGGER back_office_alert_changed AFTER UPDATE ON alerts
  FOR EACH ROW EXECUTE FUNCTION back_office_alert_changed();
