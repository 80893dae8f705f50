-- Users of this node's authorities. Their own personal data (name, address, credentials) is
-- kept while they are users, blocked from deactivation (hidden from every list; kept only
-- as proof of what they did) and deleted 3 years later, leaving the id their actions refer to.
CREATE TABLE users (
  id                       uuid PRIMARY KEY,
  authority_id             text NOT NULL,
  email                    text,
  display_name             text,
  roles                    text[] NOT NULL,
  password_hash            text,
  totp_secret              text,
  -- The last time step whose code was accepted: a code is good once.
  totp_last_step           bigint,
  status                   text NOT NULL CHECK (status IN ('active', 'deactivated')),
  failed_sign_ins          integer NOT NULL DEFAULT 0,
  locked_until             timestamptz,
  created_at               timestamptz NOT NULL,
  deactivated_at           timestamptz,
  personal_data_deleted_at timestamptz
);
CREATE UNIQUE INDEX users_email ON users (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX users_authority ON users (authority_id);
CREATE INDEX users_retention ON users (deactivated_at) WHERE deactivated_at IS NOT NULL AND personal_data_deleted_at IS NULL;
