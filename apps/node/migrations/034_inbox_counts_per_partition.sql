-- The inbox applies up to three partitions' batches at once, and each added to the same row per
-- outcome: the second batch waited for the first one's commit (its fsync included) to take the
-- row lock. A row per outcome and inbox partition (shard) lets them commit side by side; the
-- node's totals are the sums.
ALTER TABLE inbox_counts ADD COLUMN shard smallint NOT NULL DEFAULT 0 CHECK (shard >= 0);
ALTER TABLE inbox_counts DROP CONSTRAINT inbox_counts_pkey;
ALTER TABLE inbox_counts ADD PRIMARY KEY (outcome, shard);
