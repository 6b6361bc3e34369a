-- Trail v2 (electron/core/audit/audit-chain-v2.ts): events name who and what as they were,
-- through commitments to the names, so editing people or channels cannot re-attribute an
-- event. Events written before this keep version 1 and their bytes; verify knows both.
ALTER TABLE audit_events ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit_events ADD COLUMN actor_commit TEXT;
ALTER TABLE audit_events ADD COLUMN target_commit TEXT;
ALTER TABLE audit_events ADD COLUMN channel_commit TEXT;

-- The side table of names: one row per commitment, with its salt and the plain names it
-- commits to. A row is reused while the person's or channel's names are unchanged. Erasing a
-- row's salt and names (data protection) leaves the chain verifiable: events then read
-- "(erased)". label is a person's email or a channel's platform:handle.
CREATE TABLE audit_names (
  commitment TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('person', 'channel')),
  subject_id INTEGER NOT NULL,
  salt TEXT,
  label TEXT,
  name TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX audit_names_subject ON audit_names(kind, subject_id);
