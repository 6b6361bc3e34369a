-- Certificates (design: keys-and-server.md, "Keys"): trust root → administrators → people.
-- The trust root's public half is pinned in the keychain (a database edit cannot swap it); this
-- row only mirrors it for display. Its private half is sealed to an administrator's person key.
CREATE TABLE trust_root (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  sign_public TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES people(id)
);

-- A signed statement of a person's console role (and key): the latest row per person is the one
-- in force. `body` is the exact signed text (keys/certificate.ts); nothing else in the row is trusted.
CREATE TABLE console_certificates (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id),
  body TEXT NOT NULL,
  signature TEXT NOT NULL,
  issued_at TEXT NOT NULL
);
CREATE INDEX console_certificates_person ON console_certificates(person_id, id);

-- A person key made by its owner at their first sign-in, signed by the enrolment key their
-- administrator-set passphrase gives (its public half is in their certificate).
ALTER TABLE person_keys ADD COLUMN enrolment_signature TEXT;
