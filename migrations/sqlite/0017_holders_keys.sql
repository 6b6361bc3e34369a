-- Holders' keys (design: keys-and-server.md). A secret is encrypted under its own key SK
-- (channel, kind, version); SK is sealed to each keyed holder's public key (a wrap), signed by
-- whoever made the wrap. The database holds only ciphertext, wraps and public keys: nothing in it,
-- nor in the keychain, opens a password, TOTP seed or recovery code without a holder's passphrase.

-- One person key per person on this computer: X25519 (opens wraps) and Ed25519 (signs wraps).
-- The private halves are sealed under the person's passphrase in the keychain. A replaced key
-- (a passphrase reset) is retired, not deleted: the wraps it signed for others still verify.
CREATE TABLE person_keys (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id),
  box_public TEXT NOT NULL UNIQUE,
  sign_public TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  retired_at TEXT
);
CREATE UNIQUE INDEX person_keys_current ON person_keys(person_id) WHERE retired_at IS NULL;

-- Every version of every secret, as ciphertext (XChaCha20-Poly1305; AD = vault, channel, kind,
-- version). Old versions stay until their wraps are gone: a restore or a verify may need them.
CREATE TABLE secret_versions (
  channel_id INTEGER NOT NULL REFERENCES channels(id),
  kind TEXT NOT NULL CHECK (kind IN ('password', 'totp', 'recovery-codes')),
  version INTEGER NOT NULL CHECK (version >= 1),
  nonce TEXT NOT NULL,
  ciphertext TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES people(id),
  PRIMARY KEY (channel_id, kind, version)
);

-- SK sealed to one recipient: 'person:<id>' or 'recovery' (the kit's key).
CREATE TABLE secret_wraps (
  channel_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  version INTEGER NOT NULL,
  recipient TEXT NOT NULL CHECK (recipient = 'recovery' OR recipient GLOB 'person:[1-9]*'),
  sealed_key TEXT NOT NULL,
  signer_key_id INTEGER NOT NULL REFERENCES person_keys(id),
  signature TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (channel_id, kind, version, recipient),
  FOREIGN KEY (channel_id, kind, version) REFERENCES secret_versions(channel_id, kind, version)
);
CREATE INDEX secret_wraps_recipient ON secret_wraps(recipient);

-- storage gains 'wrapped' (the current version is `version`); 'keychain' and 'sealed' are
-- secrets not yet moved, which move at the first sign-in of one of the channel's holders.
CREATE TABLE secrets_v2 (
  channel_id INTEGER NOT NULL REFERENCES channels(id),
  kind TEXT NOT NULL CHECK (kind IN ('password', 'totp', 'recovery-codes')),
  storage TEXT NOT NULL CHECK (storage IN ('keychain', 'sealed', 'wrapped')),
  sealed_value TEXT,
  version INTEGER CHECK ((storage = 'wrapped') = (version IS NOT NULL)),
  set_at TEXT NOT NULL,
  set_by INTEGER NOT NULL REFERENCES people(id),
  rotated_at TEXT,
  rotated_by INTEGER REFERENCES people(id),
  PRIMARY KEY (channel_id, kind)
);
INSERT INTO secrets_v2 (channel_id, kind, storage, sealed_value, version, set_at, set_by, rotated_at, rotated_by)
  SELECT channel_id, kind, storage, sealed_value, NULL, set_at, set_by, rotated_at, rotated_by FROM secrets;
DROP TABLE secrets;
ALTER TABLE secrets_v2 RENAME TO secrets;

-- A revoked holder may have seen the value: the channel is due a new one (a rotation) from then.
ALTER TABLE channels ADD COLUMN rotation_due_since TEXT;
