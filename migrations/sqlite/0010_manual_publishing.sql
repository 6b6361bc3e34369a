-- Assisted manual publishing, for channels without API access: a channel set to be published
-- by hand. At a post's time the engine runs the pre-publication checks as for any channel, then
-- moves the target to 'manual' and notifies; a person copies the text, posts it on the platform
-- and records the published post's address (remote_id), which makes the target published.
CREATE TABLE manual_channels (
  channel_id INTEGER PRIMARY KEY REFERENCES channels(id),
  set_at TEXT NOT NULL,
  set_by INTEGER NOT NULL REFERENCES people(id)
);

-- post_targets gains the state 'manual' (due, waiting for a person to publish it by hand).
-- SQLite cannot change a CHECK in place, so the table is rebuilt with its rows, its index and
-- every constraint as 0007 and 0008 left them. Nothing references post_targets, so with
-- foreign keys on (database.ts) the drop and the rename inside the migrator's transaction are safe.
CREATE TABLE post_targets_new (
  id INTEGER PRIMARY KEY,
  post_id INTEGER NOT NULL REFERENCES posts(id),
  channel_id INTEGER NOT NULL REFERENCES channels(id),
  state TEXT NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'claimed', 'remote_created', 'published', 'failed', 'needs_review', 'cancelled', 'manual')),
  lease_owner TEXT,
  lease_until TEXT,
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at TEXT,
  remote_id TEXT,
  remote_state TEXT CHECK (remote_state IS NULL OR json_valid(remote_state)),
  published_at TEXT,
  last_error TEXT,
  late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sending_started_at TEXT,
  CHECK ((lease_owner IS NULL) = (lease_until IS NULL)),
  CHECK (state <> 'published' OR (remote_id IS NOT NULL AND published_at IS NOT NULL)),
  UNIQUE (post_id, channel_id)
);
INSERT INTO post_targets_new (id, post_id, channel_id, state, lease_owner, lease_until, attempts, next_attempt_at, remote_id, remote_state, published_at, last_error, late, created_at, updated_at, sending_started_at)
  SELECT id, post_id, channel_id, state, lease_owner, lease_until, attempts, next_attempt_at, remote_id, remote_state, published_at, last_error, late, created_at, updated_at, sending_started_at FROM post_targets;
DROP TABLE post_targets;
ALTER TABLE post_targets_new RENAME TO post_targets;
-- The engine's due query: WHERE state IN (...) AND next_attempt_at <= now.
CREATE INDEX post_targets_due ON post_targets(state, next_attempt_at);
