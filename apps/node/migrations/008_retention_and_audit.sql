-- Retention: when the personal data of an exchange was blocked, and when it was deleted (the
-- exchange itself stays, anonymised, for statistics).
ALTER TABLE requests ADD COLUMN blocked_at timestamptz;
ALTER TABLE requests ADD COLUMN personal_data_deleted_at timestamptz;
ALTER TABLE alerts ADD COLUMN blocked_at timestamptz;
ALTER TABLE alerts ADD COLUMN personal_data_deleted_at timestamptz;
CREATE INDEX requests_retention ON requests (closed_at) WHERE closed_at IS NOT NULL AND personal_data_deleted_at IS NULL;
CREATE INDEX alerts_retention ON alerts (ended_at) WHERE ended_at IS NOT NULL AND personal_data_deleted_at IS NULL;

-- Append-only, hash-chained record of every access to personal data: who, when, which
-- exchange, which category, why. No personal value is ever written here. Rows are written
-- with the access (no lock, so writers never wait on each other) and sealed into the chain
-- in order shortly after: `seq` is the position in the chain, `hash` covers the row and the
-- previous hash.
CREATE TABLE audit_log (
  id            bigserial PRIMARY KEY,
  at            timestamptz NOT NULL,
  actor         text NOT NULL,
  action        text NOT NULL,
  exchange_id   text NOT NULL,
  data_category text NOT NULL,
  purpose       text NOT NULL,
  seq           bigint UNIQUE,
  previous_hash text,
  hash          text
);
CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE seq IS NULL;
