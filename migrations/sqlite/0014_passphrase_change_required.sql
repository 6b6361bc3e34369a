-- Passphrases set before strength was checked may be easy to guess. Sign-in is the only moment
-- the plain passphrase is known: one that scores too low there marks its operator, and until
-- they change it every method but changing it (and signing out, whoami) is refused.
ALTER TABLE operators ADD COLUMN must_change_passphrase INTEGER NOT NULL DEFAULT 0 CHECK (must_change_passphrase IN (0, 1));
