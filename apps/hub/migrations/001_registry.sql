-- The hub's registry: nodes, their public keys and their competent authorities.
-- Organisation data only; the hub holds no personal data at all.
CREATE TABLE nodes (
  code          text PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'revoked')),
  registered_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE node_keys (
  kid        text PRIMARY KEY,
  node       text NOT NULL REFERENCES nodes (code),
  use        text NOT NULL CHECK (use IN ('sig', 'enc')),
  jwk        jsonb NOT NULL,
  status     text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
  not_before timestamptz NOT NULL DEFAULT now(),
  not_after  timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE authorities (
  id                text PRIMARY KEY,
  node              text NOT NULL REFERENCES nodes (code),
  name              text NOT NULL,
  legislative_areas text[] NOT NULL,
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'revoked'))
);

-- Every published trust list takes the next number, so nodes can refuse an older one.
CREATE SEQUENCE trust_list_version;
