-- The outbox relay is woken by NOTIFY. A statement-level trigger sends it with the INSERT
-- itself, one round trip per outgoing message fewer than a separate NOTIFY statement; as
-- before, the notification is delivered only when the transaction commits.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox', '');
  RETURN NULL;
END $$;

CREATE TRIGGER outbox_notify AFTER INSERT ON outbox_messages
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
