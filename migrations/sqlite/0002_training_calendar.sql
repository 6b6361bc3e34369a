-- Training records and the school calendar.
-- Dates are 'YYYY-MM-DD' (Europe/London calendar dates); times are ISO-8601 UTC strings.

-- Who was trained, when, and by whom (an account administrator, when recorded).
CREATE TABLE training_records (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id),
  trained_on TEXT NOT NULL CHECK (trained_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  trainer_id INTEGER REFERENCES people(id),
  note TEXT,
  recorded_by INTEGER NOT NULL REFERENCES people(id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX training_records_person ON training_records(person_id, trained_on);

-- Term, half-term, INSET and closure ranges, both ends inclusive. school_id NULL is the trust's
-- own calendar (for trust channels). A scope with no rows uses the default Lancashire terms.
CREATE TABLE calendar_ranges (
  id INTEGER PRIMARY KEY,
  school_id INTEGER REFERENCES schools(id),
  kind TEXT NOT NULL CHECK (kind IN ('term', 'half-term', 'inset', 'closure')),
  name TEXT,
  start_on TEXT NOT NULL,
  end_on TEXT NOT NULL,
  CHECK (start_on <= end_on)
);
CREATE INDEX calendar_ranges_school ON calendar_ranges(school_id);

-- One row per scope that has imported its own dates, so "imported" is known even for a file
-- with terms only. scope_key is 'trust' or 'school:<id>' (UNIQUE would treat NULL ids as distinct).
CREATE TABLE calendar_imports (
  scope_key TEXT PRIMARY KEY,
  school_id INTEGER REFERENCES schools(id),
  imported_at TEXT NOT NULL,
  imported_by INTEGER NOT NULL REFERENCES people(id),
  CHECK ((scope_key = 'trust' AND school_id IS NULL) OR scope_key = 'school:' || school_id)
);

-- Bank holidays for the whole trust (gov.uk bank-holidays.json, one division). Empty = defaults.
CREATE TABLE bank_holidays (
  date TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  division TEXT NOT NULL
);

CREATE TABLE bank_holiday_imports (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  imported_at TEXT NOT NULL,
  imported_by INTEGER NOT NULL REFERENCES people(id)
);
