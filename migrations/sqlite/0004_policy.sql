-- The trust's policy profile (its own numbers on top of the policy's floor), the record of
-- each annual policy review, and when each operator last signed in (for "inactive holder").

-- One row once an administrator changes a setting; until then resources/policy-profile.json
-- applies. settings is the JSON of the whole profile, checked against the schema in the core.
CREATE TABLE policy_profile (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  settings TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES people(id)
);

CREATE TABLE policy_reviews (
  id INTEGER PRIMARY KEY,
  reviewed_on TEXT NOT NULL,
  -- Who reviewed it: the group's members or its name, as written in the minutes.
  reviewed_by TEXT NOT NULL,
  outcome TEXT NOT NULL,
  next_review_on TEXT NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES people(id),
  recorded_at TEXT NOT NULL,
  CHECK (reviewed_on < next_review_on)
);

ALTER TABLE operators ADD COLUMN last_signed_in_at TEXT;
