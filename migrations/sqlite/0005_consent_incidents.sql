-- The consent register (pupils whose images must not be published, people who asked not to be
-- filmed) and the incident log (abuse, bullying, inappropriate content, concerns) with the actions
-- taken, the escalations and the evidence captured.
-- Dates are 'YYYY-MM-DD' (Europe/London calendar dates); times are ISO-8601 UTC strings.

-- This is a safeguarding list: it holds only what a poster needs to avoid publishing a child (a
-- name or initials, the class, why, and from/to when it applies), nothing more: no dates of
-- birth, no addresses, no family details, no case notes. It is shown only to administrators and
-- the school's own SLT, every view is audited, and no name ever goes into the audit trail.
-- Entries are not deleted: a removed entry keeps when and by whom it was removed.
CREATE TABLE consent_entries (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  class_name TEXT CHECK (class_name IS NULL OR length(class_name) BETWEEN 1 AND 40),
  reason TEXT NOT NULL CHECK (reason IN ('no-consent', 'withdrawn', 'safeguarding', 'not-filmed')),
  from_on TEXT CHECK (from_on IS NULL OR from_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  to_on TEXT CHECK (to_on IS NULL OR to_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  note TEXT CHECK (note IS NULL OR length(note) BETWEEN 1 AND 300),
  added_by INTEGER NOT NULL REFERENCES people(id),
  added_at TEXT NOT NULL,
  removed_at TEXT,
  removed_by INTEGER REFERENCES people(id),
  CHECK (from_on IS NULL OR to_on IS NULL OR from_on <= to_on),
  CHECK ((removed_at IS NULL) = (removed_by IS NULL))
);
CREATE INDEX consent_entries_school ON consent_entries(school_id, removed_at);

-- An incident on a channel, optionally linked to the inbox item it came from. The summary says
-- what happened in a few words (minimal personal data) and never goes into the audit trail.
-- audience_told: whether the audience was told why content was removed (NULL until recorded).
CREATE TABLE incidents (
  id INTEGER PRIMARY KEY,
  channel_id INTEGER NOT NULL REFERENCES channels(id),
  inbox_item_id INTEGER REFERENCES inbox_items(id),
  kind TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('abuse', 'bullying', 'inappropriate-content', 'concern', 'other')),
  summary TEXT NOT NULL CHECK (length(summary) BETWEEN 1 AND 500),
  opened_at TEXT NOT NULL,
  opened_by INTEGER NOT NULL REFERENCES people(id),
  audience_told INTEGER CHECK (audience_told IN (0, 1)),
  closed_at TEXT,
  closed_by INTEGER REFERENCES people(id),
  CHECK ((closed_at IS NULL) = (closed_by IS NULL))
);
CREATE INDEX incidents_open ON incidents(closed_at, opened_at);
CREATE INDEX incidents_channel ON incidents(channel_id, opened_at);

-- What was done on the platform (hide, delete, block, report), each time with who and when.
CREATE TABLE incident_actions (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  action TEXT NOT NULL CHECK (action IN ('hide', 'delete', 'block', 'report')),
  at TEXT NOT NULL,
  by INTEGER NOT NULL REFERENCES people(id)
);
CREATE INDEX incident_actions_incident ON incident_actions(incident_id, at);

-- Who it was reported to: the line manager, the DSL (or a deputy), the principal, the police.
CREATE TABLE incident_escalations (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  to_whom TEXT NOT NULL CHECK (to_whom IN ('line-manager', 'dsl', 'principal', 'police')),
  at TEXT NOT NULL,
  by INTEGER NOT NULL REFERENCES people(id)
);
CREATE INDEX incident_escalations_incident ON incident_escalations(incident_id, at);

-- A file captured as evidence (a screenshot before a delete). The file itself lives in the data
-- folder, <dataDir>/evidence/<sha256>.<ext>: named by its content, so a file is never replaced
-- by a different one and the same content is stored once. original_name is the file's own name
-- (its basename only, never a path). A file is attached to an incident once.
CREATE TABLE incident_evidence (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  file_name TEXT NOT NULL CHECK (length(file_name) = 68 AND file_name GLOB '*.[a-z][a-z][a-z]'),
  original_name TEXT NOT NULL CHECK (length(original_name) BETWEEN 1 AND 200),
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  bytes INTEGER NOT NULL CHECK (bytes > 0),
  media_type TEXT NOT NULL CHECK (media_type IN ('image/png', 'image/jpeg', 'application/pdf', 'text/plain')),
  captured_at TEXT NOT NULL,
  captured_by INTEGER NOT NULL REFERENCES people(id),
  CHECK (substr(file_name, 1, 64) = sha256),
  UNIQUE (incident_id, sha256)
);
