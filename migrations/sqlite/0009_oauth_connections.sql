-- OAuth connections. A channel connected through its platform's sign-in (authorization code
-- with PKCE) has an access token that runs out and, for most platforms, a refresh token: both
-- live in the keychain only; the database keeps when the access token expires, so the core
-- refreshes it before it does. refresh_owner/refresh_until is a short lease: one refresh at a
-- time per channel even with the desktop app and a headless runner open on the same vault
-- (a rotated refresh token used twice would end the connection).
ALTER TABLE channel_connections ADD COLUMN auth TEXT NOT NULL DEFAULT 'token' CHECK (auth IN ('token', 'oauth'));
ALTER TABLE channel_connections ADD COLUMN token_expires_at TEXT;
ALTER TABLE channel_connections ADD COLUMN refresh_owner TEXT;
ALTER TABLE channel_connections ADD COLUMN refresh_until TEXT;

-- The trust's own app registration per platform. The client id and, where the platform's token
-- exchange needs one, the client secret live in the keychain only; this row records that they
-- are there, who entered them and the optional sign-in addresses (a proxy, or a test's fake).
CREATE TABLE platform_apps (
  platform TEXT PRIMARY KEY CHECK (platform IN ('x', 'facebook', 'instagram', 'linkedin', 'youtube')),
  has_secret INTEGER NOT NULL CHECK (has_secret IN (0, 1)),
  authorize_url TEXT CHECK (authorize_url IS NULL OR length(authorize_url) BETWEEN 1 AND 500),
  token_url TEXT CHECK (token_url IS NULL OR length(token_url) BETWEEN 1 AND 500),
  configured_at TEXT NOT NULL,
  configured_by INTEGER NOT NULL REFERENCES people(id)
);

-- Notices about publishing join the inbox ones: a channel that must be reconnected (its posts
-- wait), and a post due on a channel published by hand. SQLite cannot change a CHECK in place,
-- so the table is rebuilt with its rows.
CREATE TABLE notifications_new (
  id INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('inbox-due-soon', 'inbox-overdue', 'pupil-contact', 'channel-reconnect-needed', 'post-manual-due')),
  subject TEXT NOT NULL,
  school_id INTEGER REFERENCES schools(id),
  message TEXT NOT NULL,
  read_at TEXT,
  UNIQUE (subject, kind)
);
INSERT INTO notifications_new (id, created_at, kind, subject, school_id, message, read_at)
  SELECT id, created_at, kind, subject, school_id, message, read_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_unread ON notifications(read_at, created_at);
