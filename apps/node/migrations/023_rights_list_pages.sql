-- Data subjects' requests and early deletions are read a page at a time in SQL (keyset on the
-- sort key and id), per authority: these indexes serve the default orders, and the urgency
-- list reads every undecided request by its deadline, however old.
CREATE INDEX subject_requests_authority_received ON subject_requests (authority_id, received_at DESC, id DESC);
CREATE INDEX subject_requests_open_due ON subject_requests (authority_id, due_by) WHERE state = 'open';
CREATE INDEX early_deletions_authority_proposed ON early_deletions (authority_id, proposed_at DESC, id DESC);
