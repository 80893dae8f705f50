-- The second factor of a user created by the authority's administrator is set up by the user
-- at the first sign-in, not handed to the administrator: 'pending' until then (no secret yet),
-- 'shown' once the secret has been drawn and shown to whoever gave the right password (once
-- only; a second first sign-in learns nothing), 'confirmed' once a code from it signed in.
-- Users enrolled before, and by the operator's CLI, received their secret at creation.
ALTER TABLE users ADD COLUMN totp_enrolment text NOT NULL DEFAULT 'confirmed' CHECK (totp_enrolment IN ('pending', 'shown', 'confirmed'));
-- Users listed a page at a time per authority, newest first.
CREATE INDEX users_authority_created ON users (authority_id, created_at DESC, id DESC);
