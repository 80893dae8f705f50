-- The operator's view of the network (GET /operations/network, hub:cli status): when the hub last
-- saw each member state's traffic, and how many of its messages it rejected, by code and minute.
-- Metadata only: node codes, message types, rejection codes, times and counts. Written by the
-- router once a second at most (one statement per table for everything routed meanwhile).
CREATE TABLE member_state_activity (
  node             text PRIMARY KEY,
  -- The newest message this member state sent that the hub routed, applied or rejected.
  last_sent_at     timestamptz,
  last_sent_type   text,
  -- The newest message the hub routed to its inbox.
  last_received_at timestamptz
);

-- Rejections per sender, code and minute; node '-' for records whose signature did not check out
-- (no member state can be named). Kept a day.
CREATE TABLE member_state_rejections (
  node   text NOT NULL,
  code   text NOT NULL,
  minute timestamptz NOT NULL,
  count  integer NOT NULL CHECK (count > 0),
  PRIMARY KEY (node, minute, code)
);
CREATE INDEX member_state_rejections_age ON member_state_rejections (minute);

-- The trust list version a node had in force when it checkpointed its audit chain (its
-- acknowledgement of that list); null for checkpoints from nodes that do not say.
ALTER TABLE audit_checkpoints ADD COLUMN trust_list_version bigint;
