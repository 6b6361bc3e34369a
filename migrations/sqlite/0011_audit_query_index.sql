-- The audit trail's commonest narrow question: one channel, one person, newest first (the Audit
-- screen and audit.list with a channel and an actor, often a school and dates too). With only
-- the single-column indexes of 0001, SQLite walks every event of the school or channel; this
-- index goes straight to that person's events on that channel. seq is the rowid, which every
-- index already ends with, so the rows come in seq order with no sort (naming seq as a column
-- here made SQLite's planner pass the index over) and a page of 100 stays a few milliseconds
-- on a trail of millions (docs/benchmarks.md).
CREATE INDEX audit_events_channel_actor ON audit_events(channel_id, actor_id);
