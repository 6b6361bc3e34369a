-- Posts: composed with an intended outcome, one variant per channel, media kept in the data folder,
-- the author's pre-publication checklist, approval by a second operator, and one publishing target
-- per channel once the post is scheduled (the publishing engine reads and moves the targets).
-- Times are ISO-8601 UTC strings. JSON columns hold small documents, checked with json_valid.

-- status: draft (checklist not confirmed) → awaiting-approval (confirmed by the author) →
-- approved (by a second operator, no time yet) | scheduled (approved with a time: targets exist)
-- → cancelled. Whether a post is published, partly or fully, is read from its targets.
-- version is bumped on every edit; approval records the version it approved, and an edit after
-- approval sends the post back to awaiting-approval. publish_on_approval: 'now' was asked for, so
-- scheduled_at is set to the moment of approval. text is the common text; post_variants holds
-- each channel's text as it will be published.
CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES people(id),
  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 63206),
  intended_outcome TEXT NOT NULL CHECK (length(intended_outcome) BETWEEN 10 AND 500),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'awaiting-approval', 'approved', 'scheduled', 'cancelled')),
  scheduled_at TEXT,
  publish_on_approval INTEGER NOT NULL DEFAULT 0 CHECK (publish_on_approval IN (0, 1)),
  checklist TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(checklist)),
  pupils TEXT NOT NULL CHECK (pupils IN ('none', 'present', 'named')),
  pupils_named TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(pupils_named)),
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  approved_by INTEGER REFERENCES people(id),
  approved_at TEXT,
  approved_version INTEGER,
  approval_checklist TEXT CHECK (approval_checklist IS NULL OR json_valid(approval_checklist)),
  CHECK ((approved_by IS NULL) = (approved_at IS NULL) AND (approved_by IS NULL) = (approved_version IS NULL)),
  -- Four eyes: nobody approves their own post.
  CHECK (approved_by IS NULL OR approved_by <> author_id),
  CHECK (status NOT IN ('approved', 'scheduled') OR approved_by IS NOT NULL),
  CHECK (status <> 'scheduled' OR scheduled_at IS NOT NULL),
  -- A post with a named listed pupil is never stored for publishing.
  CHECK (pupils <> 'named' OR status IN ('draft', 'cancelled'))
);
CREATE INDEX posts_status ON posts(status, scheduled_at);
CREATE INDEX posts_author ON posts(author_id);

-- Each channel's variant: the text as it will be published there (own_text: the channel has its
-- own text rather than the post's common one) and, for YouTube, the video's title.
CREATE TABLE post_variants (
  id INTEGER PRIMARY KEY,
  post_id INTEGER NOT NULL REFERENCES posts(id),
  channel_id INTEGER NOT NULL REFERENCES channels(id),
  position INTEGER NOT NULL,
  text TEXT NOT NULL CHECK (length(text) <= 63206),
  own_text INTEGER NOT NULL DEFAULT 0 CHECK (own_text IN (0, 1)),
  title TEXT CHECK (title IS NULL OR length(title) BETWEEN 1 AND 1000),
  UNIQUE (post_id, channel_id)
);

-- A post's image or video. The file itself lives in the data folder, <dataDir>/media/<sha256>.<ext>,
-- named by its content (written atomically; the same content is stored once and shared between
-- posts). original_name is the file's own name, never a path. Alt text is required for images
-- (for people using screen readers). The same file is attached to a post once.
CREATE TABLE post_media (
  id INTEGER PRIMARY KEY,
  post_id INTEGER NOT NULL REFERENCES posts(id),
  position INTEGER NOT NULL,
  file_name TEXT NOT NULL CHECK (length(file_name) BETWEEN 68 AND 69 AND substr(file_name, 65, 1) = '.'),
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  bytes INTEGER NOT NULL CHECK (bytes > 0),
  media_type TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4', 'video/quicktime')),
  alt_text TEXT CHECK (alt_text IS NULL OR length(alt_text) BETWEEN 1 AND 1000),
  original_name TEXT NOT NULL CHECK (length(original_name) BETWEEN 1 AND 200),
  CHECK (substr(file_name, 1, 64) = sha256),
  CHECK (media_type NOT LIKE 'image/%' OR alt_text IS NOT NULL),
  UNIQUE (post_id, sha256)
);
CREATE INDEX post_media_sha256 ON post_media(sha256);

-- One publishing target per channel of a scheduled post. The engine moves it along:
-- scheduled → claimed (a lease: lease_owner until lease_until) → remote_created (e.g. an Instagram
-- container, remote_state) → published (remote_id, published_at) | failed (last_error, retried at
-- next_attempt_at while attempts allow) | needs_review (ambiguous: a person decides, never a
-- second post) | cancelled. late: published after its time, within the grace period.
CREATE TABLE post_targets (
  id INTEGER PRIMARY KEY,
  post_id INTEGER NOT NULL REFERENCES posts(id),
  channel_id INTEGER NOT NULL REFERENCES channels(id),
  state TEXT NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'claimed', 'remote_created', 'published', 'failed', 'needs_review', 'cancelled')),
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
  CHECK ((lease_owner IS NULL) = (lease_until IS NULL)),
  CHECK (state <> 'published' OR (remote_id IS NOT NULL AND published_at IS NOT NULL)),
  UNIQUE (post_id, channel_id)
);
-- The engine's due query: WHERE state IN (...) AND next_attempt_at <= now.
CREATE INDEX post_targets_due ON post_targets(state, next_attempt_at);
