-- A member state's coordinator for a legislative area receives the state's incoming alerts
-- and notifications first, and distributes them to its competent authorities.
ALTER TABLE authorities ADD COLUMN coordinates text[] NOT NULL DEFAULT '{}';
