-- Lists are read a page at a time in SQL (keyset pagination on the sort key and id), per
-- authority and party: these indexes serve the default order (newest first) on both sides.
CREATE INDEX requests_requester_sent ON requests (requester_authority_id, sent_at DESC, id DESC);
CREATE INDEX requests_addressee_sent ON requests (addressee_authority_id, sent_at DESC, id DESC);
-- The urgency list reads every open request of an authority's side, however old.
CREATE INDEX requests_open ON requests (addressee_authority_id, state) WHERE state NOT IN ('closed', 'rejected');
CREATE INDEX alerts_sent ON alerts (sent_at DESC, id DESC);
