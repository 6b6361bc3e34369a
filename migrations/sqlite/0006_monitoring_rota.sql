-- The monitoring rota: who checks each channel on each day of the week (1 = Monday … 7 = Sunday).
-- One person per channel and weekday, so the rota says plainly whose turn it is; the policy asks
-- for monitoring 7 days a week, holidays included.
CREATE TABLE monitoring_rota (
  id INTEGER PRIMARY KEY,
  channel_id INTEGER NOT NULL REFERENCES channels(id),
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  person_id INTEGER NOT NULL REFERENCES people(id),
  assigned_by INTEGER NOT NULL REFERENCES people(id),
  assigned_at TEXT NOT NULL,
  UNIQUE (channel_id, weekday)
);
