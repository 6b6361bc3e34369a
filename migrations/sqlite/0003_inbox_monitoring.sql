-- The inbox (comments, queries, complaints, concerns, contact from pupils) with its response
-- deadlines, daily monitoring check-ins, and the in-app notifications they raise.
-- Dates are 'YYYY-MM-DD' (Europe/London calendar dates); times are ISO-8601 UTC strings.

-- One message that needs a response. The summary is a summary, not a transcript: minimal
-- personal data, and it never goes into the audit trail.
CREATE TABLE inbox_items (
  id INTEGER PRIMARY KEY,
  channel_id INTEGER NOT NULL REFERENCES channels(id),
  kind TEXT NOT NULL CHECK (kind IN ('comment', 'query', 'complaint', 'concern', 'pupil-contact')),
  received_at TEXT NOT NULL,
  summary TEXT NOT NULL CHECK (length(summary) BETWEEN 1 AND 500),
  author_handle TEXT CHECK (author_handle IS NULL OR length(author_handle) <= 100),
  -- The deadline is computed once, when the item is logged, from the owning school's calendar
  -- (the trust's for a trust channel), and stored: a later calendar edit or import must not
  -- silently move the deadline of an item already logged. late_from is the first day a response
  -- counts as late (the school day after due_on); warnings are the calendar's notes at the time
  -- (a JSON array of sentences, e.g. "the school calendar needs updating").
  due_on TEXT NOT NULL CHECK (due_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  late_from TEXT NOT NULL CHECK (late_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  warnings TEXT NOT NULL DEFAULT '[]',
  logged_by INTEGER NOT NULL REFERENCES people(id),
  logged_at TEXT NOT NULL,
  -- The policy counts an acknowledgement as a response: any of the three stops the clock.
  responded_at TEXT,
  response_how TEXT CHECK (response_how IN ('acknowledged', 'answered', 'referred')),
  response_note TEXT CHECK (response_note IS NULL OR length(response_note) <= 500),
  responded_by INTEGER REFERENCES people(id),
  school_days_taken INTEGER CHECK (school_days_taken IS NULL OR school_days_taken >= 0),
  -- Contact from a pupil is raised with the DSL at once: set when such an item is logged.
  dsl_alerted_at TEXT,
  CHECK ((responded_at IS NULL) = (response_how IS NULL)),
  CHECK ((responded_at IS NULL) = (responded_by IS NULL)),
  CHECK (kind = 'pupil-contact' OR dsl_alerted_at IS NULL)
);
-- The open and overdue lists: unanswered items by deadline.
CREATE INDEX inbox_items_open ON inbox_items(responded_at, due_on);
CREATE INDEX inbox_items_channel ON inbox_items(channel_id, received_at);

-- A check-in: someone looked at a channel (and found anything worth a note). Several on one day
-- are fine; coverage counts the days with at least one.
CREATE TABLE monitoring_checks (
  id INTEGER PRIMARY KEY,
  channel_id INTEGER NOT NULL REFERENCES channels(id),
  checked_on TEXT NOT NULL CHECK (checked_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  checked_at TEXT NOT NULL,
  checked_by INTEGER NOT NULL REFERENCES people(id),
  note TEXT CHECK (note IS NULL OR length(note) <= 500)
);
CREATE INDEX monitoring_checks_channel_day ON monitoring_checks(channel_id, checked_on);
CREATE INDEX monitoring_checks_day ON monitoring_checks(checked_on);

-- A simple in-app list the desktop app can show. subject names what it is about ('inbox:12');
-- school_id (NULL for the trust's own channels) lets an SLT auditor see their school's only.
-- The sweep that raises due-soon and overdue notices is idempotent: at most one per subject and kind.
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('inbox-due-soon', 'inbox-overdue', 'pupil-contact')),
  subject TEXT NOT NULL,
  school_id INTEGER REFERENCES schools(id),
  message TEXT NOT NULL,
  read_at TEXT,
  UNIQUE (subject, kind)
);
CREATE INDEX notifications_unread ON notifications(read_at, created_at);
