-- The back-office bridge: a signed rejection of one of this node's messages (by the hub or the
-- recipient node) is an event for the authority that sent it: `<authority>.request.message-rejected`
-- or `<authority>.alert.message-rejected`, with the code and who rejected it (no free text).
CREATE FUNCTION back_office_message_rejected() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  case_key text;
  r requests%ROWTYPE;
  a alerts%ROWTYPE;
  detail jsonb;
BEGIN
  SELECT message_key INTO case_key FROM outbox_messages WHERE message_id = NEW.rejected_message_id;
  IF case_key IS NULL OR case_key !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN RETURN NULL; END IF;
  detail := jsonb_build_object('code', NEW.code, 'rejectedBy', NEW.rejected_by, 'rejectedMessageId', NEW.rejected_message_id);
  SELECT * INTO r FROM requests WHERE id = case_key::uuid;
  IF r.id IS NOT NULL THEN
    PERFORM back_office_event(CASE r.role WHEN 'requester' THEN r.requester_authority_id ELSE r.addressee_authority_id END,
      'request', 'message-rejected', r.id, NEW.received_at, detail || jsonb_build_object('state', r.state));
    RETURN NULL;
  END IF;
  SELECT * INTO a FROM alerts WHERE id = case_key::uuid;
  IF a.id IS NOT NULL AND a.role = 'sender' THEN
    PERFORM back_office_event(a.sender_authority_id, 'alert', 'message-rejected', a.id, NEW.received_at, detail || jsonb_build_object('state', a.state));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER back_office_message_rejected AFTER INSERT ON rejections_received
  FOR EACH ROW EXECUTE FUNCTION back_office_message_rejected();
