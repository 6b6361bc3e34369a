-- Publishing connections: a channel connected to its platform's API with a ready token (the
-- token itself lives only in the keychain, under the channel's own entry). account_id is the
-- page/user/organisation/channel id on the platform; api_base an optional proxy (or, in tests,
-- a fake) checked by the core (https, or plain http on loopback only). status turns to
-- 'reconnect-needed' when the platform says the token expired: that channel's targets wait.
CREATE TABLE channel_connections (
  channel_id INTEGER PRIMARY KEY REFERENCES channels(id),
  account_id TEXT NOT NULL CHECK (length(account_id) BETWEEN 1 AND 200),
  api_base TEXT CHECK (api_base IS NULL OR length(api_base) BETWEEN 1 AND 500),
  connected_at TEXT NOT NULL,
  connected_by INTEGER NOT NULL REFERENCES people(id),
  status TEXT NOT NULL DEFAULT 'connected' CHECK (status IN ('connected', 'reconnect-needed')),
  last_error TEXT
);

-- Set in its own committed transaction right before an attempt's network call: after a crash,
-- a claimed target with this set may have reached the platform (a person checks), one without
-- it never left this machine (it goes back to scheduled).
ALTER TABLE post_targets ADD COLUMN sending_started_at TEXT;
