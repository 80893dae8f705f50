-- The hub's question catalogue as last verified, so a node restarts with it even when the hub
-- is unreachable. Organisation data only: questions and their translations.
CREATE TABLE question_catalogues (
  version     integer PRIMARY KEY,
  document    jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
