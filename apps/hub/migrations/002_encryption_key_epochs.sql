-- Encryption-key epochs rotate. A destroyed key (its private half crypto-shredded) stays in
-- the registry for the record, expired and out of the trust list; only 'enc' keys are destroyed.
ALTER TABLE node_keys DROP CONSTRAINT node_keys_status_check;
ALTER TABLE node_keys ADD CONSTRAINT node_keys_status_check
  CHECK (status IN ('active', 'revoked', 'destroyed') AND (status <> 'destroyed' OR use = 'enc'));
ALTER TABLE node_keys ADD COLUMN destroyed_at timestamptz;
ALTER TABLE node_keys ADD CONSTRAINT node_keys_period_check CHECK (not_after IS NULL OR not_after >= not_before);
