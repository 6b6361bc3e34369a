-- The publisher (design: keys-and-server.md, "Keys"): the identity of `custodian scheduler run`
-- and of the desktop's in-process publishing. It may run publishing passes only and holds no
-- channel. Its private halves live on the publishing computer (keychain, or a 0400 key file on a
-- headless box); here only the public halves, signed by the administrator who enrolled it.
-- Enrolling again retires the previous publisher (kept: the trail names it as an actor).
CREATE TABLE publishers (
  id INTEGER PRIMARY KEY,
  box_public TEXT NOT NULL UNIQUE,
  sign_public TEXT NOT NULL UNIQUE,
  enrolled_at TEXT NOT NULL,
  enrolled_by INTEGER NOT NULL REFERENCES people(id),
  -- The enrolling administrator's person key, and their Ed25519 signature over
  -- {vault id, the publisher's public keys, enrolled at} (publishing/publisher/publisher-key.ts).
  signer_key_id INTEGER NOT NULL REFERENCES person_keys(id),
  signature TEXT NOT NULL,
  -- Where the private halves were put: the keychain of the enrolling computer, or a key file.
  kept_in TEXT NOT NULL CHECK (kept_in IN ('keychain', 'file')),
  retired_at TEXT
);
CREATE UNIQUE INDEX publishers_current ON publishers((1)) WHERE retired_at IS NULL;

-- The publisher is re-checked on every pass against the trail's latest enrolment (a row planted
-- with sqlite3 has none): this index keeps that look-up cheap however long the trail grows.
CREATE INDEX audit_events_publisher_enrol ON audit_events(seq) WHERE action = 'publisher.enrol' AND outcome = 'ok';
