-- The recovery key (design: keys-and-server.md, "Keys"): an X25519 key pair whose private half
-- exists only on the printed kit in the trust's safe. The database keeps the public half, so every
-- new secret version is also sealed to it; one kit per vault (replacing a kit is a later change).
CREATE TABLE recovery_key (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  box_public TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES people(id)
);
