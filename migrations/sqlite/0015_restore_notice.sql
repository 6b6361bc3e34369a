-- A restore puts up a notice for administrators and auditors ("The vault was restored from the
-- backup of …"), kept until one of them marks it read. SQLite cannot change a CHECK in place, so
-- the table is rebuilt with its rows (as in 0009).
CREATE TABLE notifications_new (
  id INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('inbox-due-soon', 'inbox-overdue', 'pupil-contact', 'channel-reconnect-needed', 'post-manual-due', 'vault-restored')),
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
