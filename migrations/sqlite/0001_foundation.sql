-- The foundation: vault identity, the trust and its schools, people and operators,
-- channels, the register of holders, secret metadata and the audit trail.
-- Times are ISO-8601 UTC strings ('2026-11-24T17:30:00.000Z'); dates are 'YYYY-MM-DD'.

CREATE TABLE vault (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  vault_id TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE trust (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL
);

CREATE TABLE schools (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role TEXT NOT NULL CHECK (role IN ('core-team', 'slt', 'staff')),
  school_id INTEGER REFERENCES schools(id),
  left_on TEXT,
  created_at TEXT NOT NULL,
  -- SLT and staff belong to a school; the core team belongs to the trust.
  CHECK (role = 'core-team' OR school_id IS NOT NULL)
);

CREATE TABLE operators (
  person_id INTEGER PRIMARY KEY REFERENCES people(id),
  console_role TEXT NOT NULL CHECK (console_role IN ('admin', 'auditor', 'poster')),
  passphrase_hash TEXT NOT NULL,
  passphrase_changed_at TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT
);

CREATE TABLE channels (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL CHECK (platform IN ('x', 'facebook', 'instagram', 'linkedin', 'youtube')),
  handle TEXT NOT NULL,
  handle_key TEXT NOT NULL,
  name TEXT NOT NULL,
  school_id INTEGER REFERENCES schools(id),
  registration_email TEXT,
  mailbox_dedicated INTEGER CHECK (mailbox_dedicated IN (0, 1)),
  mailbox_access TEXT NOT NULL DEFAULT '[]',
  two_factor TEXT NOT NULL DEFAULT 'not-enabled'
    CHECK (two_factor IN ('enabled', 'not-enabled', 'not-available')),
  purpose TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (platform, handle_key)
);

CREATE TABLE access_grants (
  id INTEGER PRIMARY KEY,
  channel_id INTEGER NOT NULL REFERENCES channels(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  granted_by INTEGER NOT NULL REFERENCES people(id),
  granted_at TEXT NOT NULL,
  revoked_by INTEGER REFERENCES people(id),
  revoked_at TEXT,
  revoke_reason TEXT
);
-- At most one current grant per holder and channel.
CREATE UNIQUE INDEX access_grants_current ON access_grants(channel_id, person_id) WHERE revoked_at IS NULL;
CREATE INDEX access_grants_person ON access_grants(person_id);

-- Metadata only: the values live in the OS keychain (or, over ~1 KB, sealed here with a key
-- that lives in the keychain).
CREATE TABLE secrets (
  channel_id INTEGER NOT NULL REFERENCES channels(id),
  kind TEXT NOT NULL CHECK (kind IN ('password', 'totp', 'recovery-codes')),
  storage TEXT NOT NULL CHECK (storage IN ('keychain', 'sealed')),
  sealed_value TEXT,
  set_at TEXT NOT NULL,
  set_by INTEGER NOT NULL REFERENCES people(id),
  rotated_at TEXT,
  rotated_by INTEGER REFERENCES people(id),
  PRIMARY KEY (channel_id, kind)
);

CREATE TABLE audit_events (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id INTEGER,
  action TEXT NOT NULL,
  target TEXT,
  channel_id INTEGER,
  school_id INTEGER,
  reason TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'error')),
  details TEXT NOT NULL DEFAULT '{}',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  mac TEXT NOT NULL
);
CREATE INDEX audit_events_channel ON audit_events(channel_id, seq);
CREATE INDEX audit_events_actor ON audit_events(actor_id, seq);
CREATE INDEX audit_events_school ON audit_events(school_id, seq);
CREATE INDEX audit_events_at ON audit_events(at);

-- The trail is append-only: the database itself refuses edits and deletions. (Someone who
-- edits the file directly can drop these; the HMAC chain and the keychain anchor catch that.)
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
