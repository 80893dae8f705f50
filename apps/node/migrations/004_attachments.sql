-- Documents attached to a request (diplomas, certificates). Those about the person are personal
-- data: on the addressee's node they exist only from acceptance on, like the subject row.
CREATE TABLE request_attachments (
  id              uuid PRIMARY KEY,
  request_id      uuid NOT NULL REFERENCES requests (id),
  file_name       text NOT NULL,
  content_type    text NOT NULL,
  concerns_person boolean NOT NULL,
  content         bytea NOT NULL,
  size_bytes      integer NOT NULL,
  sha256          text NOT NULL,
  -- Set on the requester's node once the addressee holds a copy.
  shared_at       timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX request_attachments_request ON request_attachments (request_id);
