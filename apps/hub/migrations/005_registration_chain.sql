-- The registration chain and the directory. The operator registers a node and its national
-- coordinator; coordinators register, validate, suspend and remove the rest through their
-- node, which publishes each change to the hub (directory.updated). Organisation data only.
ALTER TABLE authorities DROP CONSTRAINT authorities_status_check;
ALTER TABLE authorities ADD CONSTRAINT authorities_status_check CHECK (status IN ('active', 'suspended', 'revoked', 'removed'));
ALTER TABLE authorities ADD COLUMN kind text NOT NULL DEFAULT 'competent-authority'
  CHECK (kind IN ('competent-authority', 'national-coordinator', 'delegated-coordinator'));
ALTER TABLE authorities ADD COLUMN region text;
-- Names by language, address, keywords by language, professions: what the directory shows.
ALTER TABLE authorities ADD COLUMN directory jsonb;
ALTER TABLE authorities ADD COLUMN validated_by text;
ALTER TABLE authorities ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- Every change to an authority's registration, kept after removal: who did what, when, through which message.
CREATE TABLE authority_history (
  id           bigserial PRIMARY KEY,
  authority_id text NOT NULL,
  node         text NOT NULL,
  status       text NOT NULL,
  changed_by   text NOT NULL,
  message_id   uuid UNIQUE,
  changed_at   timestamptz NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX authority_history_authority ON authority_history (authority_id, id);
