-- How many inbox messages ended each way (applied, duplicate, rejected, ignored), over the node's
-- whole life rather than since its last start: a run that kills and restarts nodes needs the
-- totals (duplicates dropped above all). Added to in the transaction that claims a batch, one
-- upsert per batch, so a batch counts exactly when it is committed.
CREATE TABLE inbox_counts (
  outcome text PRIMARY KEY CHECK (outcome IN ('applied', 'duplicate', 'rejected', 'ignored')),
  messages bigint NOT NULL CHECK (messages >= 0)
);

-- What the inbox already holds; duplicates and ignored messages before this migration were not kept.
INSERT INTO inbox_counts (outcome, messages)
SELECT o.outcome, (SELECT count(*) FROM inbox_messages m WHERE m.outcome = o.outcome)
FROM (VALUES ('applied'), ('duplicate'), ('rejected'), ('ignored')) AS o(outcome);
