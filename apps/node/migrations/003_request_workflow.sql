-- Minimisation, confidentiality and the full workflow (forwarding, reply dates, further information).

-- Non-personal information the requester marks confidential, kept with the request on both nodes.
ALTER TABLE requests ADD COLUMN confidential boolean NOT NULL DEFAULT false;
-- Why sensitive questions (offences, sanctions, health) are asked: required when any is, shown
-- to the addressee. Describes the purpose, not the person.
ALTER TABLE requests ADD COLUMN sensitive_reason text;

-- A national identification number is sent only with a recorded justification when a register
-- number already identifies the person.
ALTER TABLE request_subjects ADD COLUMN national_id text;
ALTER TABLE request_subjects ADD COLUMN national_id_justification text;
ALTER TABLE request_subjects ADD CONSTRAINT national_id_justified
  CHECK (national_id IS NULL OR register_number IS NULL OR national_id_justification IS NOT NULL);

-- What happened to a request, in order, for both parties' audit: ids, authorities and dates only.
CREATE TABLE request_events (
  request_id  uuid NOT NULL REFERENCES requests (id),
  seq         integer NOT NULL,
  type        text NOT NULL,
  at          timestamptz NOT NULL,
  detail      jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (request_id, seq)
);

-- Notes asking for further information may concern the person: personal data.
CREATE TABLE request_further_information (
  request_id   uuid NOT NULL REFERENCES requests (id),
  seq          integer NOT NULL,
  note         text,
  requested_at timestamptz NOT NULL,
  PRIMARY KEY (request_id, seq)
);
