-- The back-office bridge's "deadline approaching" event: sent once per request and reply date
-- (a new reply date arms it again), to the addressee's systems.
CREATE TABLE back_office_deadline_notices (
  request_id uuid NOT NULL REFERENCES requests (id),
  reply_by   timestamptz NOT NULL,
  noticed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (request_id, reply_by)
);
