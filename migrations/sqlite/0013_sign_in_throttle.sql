-- Wrong passphrases are counted per email address tried, whether or not it is an operator's,
-- so that "too many wrong passphrases" no longer tells who is an operator (issue 12). The key is
-- a hash of the normalised address with the vault's id: an address someone merely tried is not
-- kept in the clear. The count is a leaky bucket stored as the moment it will have drained to
-- zero (each attempt adds a fixed time); rows that have drained are deleted as attempts come.
-- operators.failed_attempts and locked_until are no longer read or written by the throttle.
CREATE TABLE sign_in_throttle (
  key TEXT PRIMARY KEY CHECK (length(key) = 64),
  empty_at TEXT NOT NULL
);
