-- The recovery kit is offered once (issue 13, migration of existing vaults): a new vault's first
-- run is that offer, so vault.init records it; a vault from before the kit has no row, and its
-- first administrator sign-in without a kit offers one (desktop: the kit step; CLI: a line).
CREATE TABLE recovery_kit_offer (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  offered_at TEXT NOT NULL,
  offered_to INTEGER REFERENCES people(id)
);
