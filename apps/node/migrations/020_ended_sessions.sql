-- Sessions ended by sign-out before their token expired: the token id (jti) and when the
-- token would have expired anyway, after which the row is no longer needed.
CREATE TABLE ended_sessions (
  token_id   text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE INDEX ended_sessions_expiry ON ended_sessions (expires_at);
