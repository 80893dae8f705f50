-- Every node holding an alert (the sender's and every recipient's), on every one of them: a
-- data subject's rectification or erasure, or an early deletion, decided on any of them reaches
-- all the others directly.
ALTER TABLE alerts ADD COLUMN participant_nodes text[] NOT NULL DEFAULT '{}';
