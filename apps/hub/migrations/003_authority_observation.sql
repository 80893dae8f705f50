-- Coordinators and linked authorities observe other competent authorities of their member
-- state: they see the state, area and dates of those authorities' requests, never their content.
ALTER TABLE authorities ADD COLUMN observes text[] NOT NULL DEFAULT '{}';
