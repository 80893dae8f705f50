-- The member state's registration chain, as its coordinators run it on their node: every
-- authority they registered, its directory data, its status and every change (kept after
-- removal). Organisation data only; the user who acted is an id, never a name.
CREATE TABLE registrations (
  id                text PRIMARY KEY,
  kind              text NOT NULL CHECK (kind IN ('competent-authority', 'delegated-coordinator')),
  status            text NOT NULL CHECK (status IN ('registered', 'active', 'suspended', 'removed')),
  names             jsonb NOT NULL,
  address           jsonb,
  legislative_areas text[] NOT NULL,
  keywords          jsonb NOT NULL,
  professions       text[] NOT NULL,
  region            text,
  registered_by     text NOT NULL,
  validated_by      text,
  -- The last directory.updated sent to the hub for it: its receipt or rejection says whether the hub took it.
  last_published_message uuid,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL
);

CREATE TABLE registration_history (
  id              bigserial PRIMARY KEY,
  registration_id text NOT NULL REFERENCES registrations (id),
  action          text NOT NULL,
  status          text NOT NULL,
  by_authority    text NOT NULL,
  by_user         uuid,
  at              timestamptz NOT NULL
);
CREATE INDEX registration_history_registration ON registration_history (registration_id, id);

-- The directory as the hub broadcast it: one signed document per member state, the newest kept.
CREATE TABLE directory_documents (
  node        text PRIMARY KEY,
  version     bigint NOT NULL,
  entries     jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
