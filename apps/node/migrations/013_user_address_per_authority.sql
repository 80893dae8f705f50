-- An address is unique among the active users of one authority, not across the node: an
-- administrator creating a user then learns nothing about other authorities' users, and one
-- person may work for two authorities. A former user's blocked address does not stand in the
-- way of the same person returning.
DROP INDEX users_email;
CREATE UNIQUE INDEX users_authority_email ON users (authority_id, lower(email)) WHERE status = 'active';
CREATE INDEX users_email ON users (lower(email)) WHERE status = 'active';
